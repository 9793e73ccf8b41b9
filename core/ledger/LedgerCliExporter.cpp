#include "core/ledger/LedgerCliExporter.h"

#include "core/ledger/PostingLines.h"
#include "core/money/Money.h"
#include "core/storage/BatchSql.h"
#include "core/storage/Database.h"

#include <QHash>
#include <QIODevice>

namespace paydesk {

namespace {
// ledger-cli reads ';' as a comment and a newline as the end of a transaction line; other
// control characters (NUL, escapes that a terminal would act on) have no place in the file.
QString singleLine(const QString &text)
{
    QString line;
    line.reserve(text.size());
    for (QChar c : text) {
        if (c == QLatin1Char('\n') || c == QLatin1Char('\r') || c == QLatin1Char('\t'))
            line += QLatin1Char(' ');
        else if (c.category() != QChar::Other_Control)
            line += c;
    }
    return line;
}
} // namespace

LedgerCliExporter::LedgerCliExporter(Database &database) : m_database(database) {}

Result<qint64> LedgerCliExporter::write(QIODevice &out)
{
    struct Account
    {
        QString name;
        Currency currency;
    };
    QHash<qint64, Account> accounts;
    auto loaded = BatchSql::forEachRow(
        m_database, QStringLiteral("SELECT id, name, currency FROM ledger_account"), {},
        [&accounts](const QVariantList &row) {
            accounts.insert(row.at(0).toLongLong(),
                            {row.at(1).toString(), Currency::fromCode(row.at(2).toString()).value()});
            return true;
        });
    if (!loaded)
        return loaded.error();

    qint64 written = 0;
    QString chunk = QStringLiteral("; Paydesk journal export. Amounts in each currency's units; debits positive.\n");
    Error failure;
    auto flush = [&out, &chunk]() {
        const QByteArray bytes = chunk.toUtf8();
        chunk.clear();
        return out.write(bytes) == bytes.size();
    };
    auto streamed = BatchSql::forEachRow(
        m_database,
        QStringLiteral("SELECT id, business_date, kind, reference, memo, postings FROM journal_entry ORDER BY id"), {},
        [&](const QVariantList &row) {
            const qint64 entryId = row.at(0).toLongLong();
            auto lines = PostingLines::decode(row.at(5).toString());
            if (!lines) {
                failure = lines.error().within(QStringLiteral("entry %1").arg(entryId));
                return false;
            }
            const QString reference = singleLine(row.at(3).toString());
            const QString payee = reference.isEmpty() ? row.at(2).toString() : reference;
            chunk += QLatin1Char('\n') + row.at(1).toDate().toString(QStringLiteral("yyyy/MM/dd")) +
                     QStringLiteral(" * (") + QString::number(entryId) + QStringLiteral(") ") + payee +
                     QLatin1Char('\n');
            chunk += QStringLiteral("    ; kind: ") + row.at(2).toString() + QLatin1Char('\n');
            const QString memo = singleLine(row.at(4).toString());
            if (!memo.isEmpty())
                chunk += QStringLiteral("    ; ") + memo + QLatin1Char('\n');
            for (const PostingLines::Line &line : std::as_const(*lines)) {
                const Account account = accounts.value(line.accountId);
                if (!account.currency.isValid()) {
                    failure = Error(ErrorCode::AccountUnknown, QString::number(line.accountId))
                                  .within(QStringLiteral("entry %1").arg(entryId));
                    return false;
                }
                // Two or more spaces end an account name in ledger-cli.
                chunk += QStringLiteral("    ") + account.name + QStringLiteral("    ") +
                         Money::fromMinor(line.amount, account.currency).toString() + QLatin1Char(' ') +
                         account.currency.code() + QLatin1Char('\n');
            }
            ++written;
            if (chunk.size() > 64 * 1024 && !flush()) {
                failure = Error(ErrorCode::FileUnwritable, out.errorString());
                return false;
            }
            return true;
        });
    if (!streamed)
        return streamed.error();
    if (failure.code() != ErrorCode::None)
        return failure;
    if (!flush())
        return Error(ErrorCode::FileUnwritable, out.errorString());
    return written;
}

} // namespace paydesk
