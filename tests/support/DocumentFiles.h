#pragma once

// Files a person would attach to a merchant: a phone photo or scan of a document (a real PNG from
// Qt's writer) and a bank's proof (a real PDF from QPdfWriter), plus reading any file back.

#include <QColor>
#include <QFile>
#include <QFileInfo>
#include <QFont>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QTemporaryDir>

namespace paydesk::test {

inline QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// A document's scan: a framed title in `tint`, the company's lines below it, and a seal. The
// path written, or empty when it could not be.
inline QString writePng(const QTemporaryDir &dir, const QString &name, const QString &title, const QString &body,
                        QColor tint = QColor(0xc8, 0x10, 0x2e))
{
    QImage image(900, 600, QImage::Format_RGB32);
    image.fill(QColor(0xfb, 0xf8, 0xf0));
    QPainter painter(&image);
    painter.setPen(QPen(tint, 12));
    painter.drawRect(20, 20, 860, 560);
    QFont font = painter.font();
    font.setPixelSize(48);
    font.setBold(true);
    painter.setFont(font);
    painter.drawText(QRect(40, 60, 820, 90), Qt::AlignCenter, title);
    font.setPixelSize(28);
    font.setBold(false);
    painter.setFont(font);
    painter.setPen(Qt::black);
    painter.drawText(QRect(80, 200, 740, 300), Qt::AlignLeft | Qt::TextWordWrap, body);
    painter.setBrush(QColor(0xc8, 0x10, 0x2e));
    painter.setPen(Qt::NoPen);
    painter.drawEllipse(QPoint(720, 470), 70, 70);
    painter.end();
    const QString path = dir.filePath(name);
    return image.save(path, "PNG") ? path : QString();
}

// A bank account opening proof on one A4 page with the account's lines. The path written, or empty.
inline QString writePdf(const QTemporaryDir &dir, const QString &name, const QString &accountLines)
{
    const QString path = dir.filePath(name);
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setTitle(QStringLiteral("Bank account proof"));
    QPainter painter(&writer);
    QFont font = painter.font();
    font.setPointSize(20);
    painter.setFont(font);
    painter.drawText(QRect(0, 0, writer.width(), writer.height() / 6), Qt::AlignCenter,
                     QStringLiteral("Bank account opening proof"));
    font.setPointSize(12);
    painter.setFont(font);
    painter.drawText(QRect(writer.width() / 10, writer.height() / 5, writer.width() * 8 / 10, writer.height() / 3),
                     Qt::AlignLeft | Qt::TextWordWrap, accountLines);
    painter.end();
    return QFileInfo::exists(path) ? path : QString();
}

} // namespace paydesk::test
