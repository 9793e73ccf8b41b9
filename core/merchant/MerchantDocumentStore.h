#pragma once

#include "core/merchant/MerchantDocument.h"
#include "core/util/Result.h"

#include <QSet>
#include <QSqlDatabase>

namespace paydesk {

class Database;

// The merchant_document table: the only place that holds its SQL. MerchantDocuments holds the
// rules (what may change when), authorisation, units of work and audit. Reads check the stored
// kind: a name this version does not know is QueryFailed. Lists are in upload order.
namespace MerchantDocumentStore {

// DocumentUnknown when there is none. Without the content.
Result<MerchantDocument> byId(const QSqlDatabase &db, qint64 documentId);
// The merchant's current (not superseded) documents of one kind.
Result<QList<MerchantDocument>> currentOfKind(const QSqlDatabase &db, qint64 merchantId, DocumentKind kind);
// The merchant's documents; the superseded ones too with includeSuperseded.
Result<QList<MerchantDocument>> ofMerchant(const QSqlDatabase &db, qint64 merchantId, bool includeSuperseded);
// The kinds the merchant has a current document of.
Result<QSet<DocumentKind>> currentKinds(const QSqlDatabase &db, qint64 merchantId);
// The stored bytes; empty when the document is gone.
Result<QByteArray> content(const QSqlDatabase &db, qint64 documentId);

// Inserts a current document with these bytes: its id taken here (inside the caller's unit of
// work), and the merchant, kind, file name, media type, size, SHA-256, upload time and uploader
// from `document`. Returns the id.
Result<qint64> insert(Database &database, const QSqlDatabase &db, const MerchantDocument &document,
                      const QByteArray &bytes);
// Marks the merchant's current documents of one kind superseded (nothing is deleted).
Status supersedeKind(const QSqlDatabase &db, qint64 merchantId, DocumentKind kind);
Status supersede(const QSqlDatabase &db, qint64 documentId);

} // namespace MerchantDocumentStore
} // namespace paydesk
