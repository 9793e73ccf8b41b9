#pragma once

#include <QByteArray>
#include <QString>

namespace paydesk {

// Stand-in scans for demo merchants: a small PNG (a coloured card with a frame) and a
// one-page PDF naming the document, both whole files that the document inspector accepts.
// Written by hand because the core has no image or PDF library (QtCore only).
namespace DemoDocuments {

QByteArray png(int width, int height, quint32 seed);
QByteArray pdf(const QString &title);

} // namespace DemoDocuments
} // namespace paydesk
