#include "LedgerCliExporter.h"

#include "money/Money.h"
#include "storage/Database.h"
#include "storage/Sql.h"

#include <QIODevice>

namespace paydesk {

namespace {
// ledger-cli reads ';' as a comment and a newline as the end of a transaction line.
QString singleLine(QString text)
{
    text.replace(QLatin1Char('\n'), QLatin1Char(' '));
    text.replace(QLatin1Char('\r'), QLatin1Char(' '));
    return text;
}
} // namespace

LedgerCliExporter::LedgerCliExporter(Database &database) : m_database(database) {}

Result<qint64> LedgerCliExporter::write(QIODevice &out)
{
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    auto query = Sql::run(*connection,
                          QStringLiteral("SELECT e.id, e.business_date, e.kind, e.reference, e.memo, a.name, a.currency, "
                                         "p.amount FROM journal_entry e JOIN ledger_posting p ON p.entry_id = e.id "
                                         "JOIN ledger_account a ON a.id = p.account_id ORDER BY e.id, p.line"));
    if (!query)
        return query.error();

    qint64 currentEntry = -1;
    qint64 written = 0;
    QString chunk;
    auto flush = [&out, &chunk]() {
        const QByteArray bytes = chunk.toUtf8();
        chunk.clear();
        return out.write(bytes) == bytes.size();
    };
    chunk += QStringLiteral("; Paydesk journal export. Amounts in each currency's units; debits positive.\n");
    while (query->next()) {
        const qint64 entryId = query->value(0).toLongLong();
        if (entryId != currentEntry) {
            currentEntry = entryId;
            ++written;
            const QString date = query->value(1).toDate().toString(QStringLiteral("yyyy/MM/dd"));
            const QString reference = singleLine(query->value(3).toString());
            const QString payee = reference.isEmpty() ? query->value(2).toString() : reference;
            chunk += QLatin1Char('\n') + date + QStringLiteral(" * (") + QString::number(entryId) +
                     QStringLiteral(") ") + payee + QLatin1Char('\n');
            const QString memo = singleLine(query->value(4).toString());
            chunk += QStringLiteral("    ; kind: ") + query->value(2).toString() + QLatin1Char('\n');
            if (!memo.isEmpty())
                chunk += QStringLiteral("    ; ") + memo + QLatin1Char('\n');
        }
        auto currency = Currency::fromCode(query->value(6).toString());
        if (!currency)
            return currency.error();
        const Money amount = Money::fromMinor(query->value(7).toLongLong(), *currency);
        // Two or more spaces end an account name in ledger-cli.
        chunk += QStringLiteral("    ") + query->value(5).toString() + QStringLiteral("    ") + amount.toString() +
                 QLatin1Char(' ') + currency->code() + QLatin1Char('\n');
        if (chunk.size() > 64 * 1024 && !flush())
            return Error(ErrorCode::FileUnwritable, out.errorString());
    }
    if (!flush())
        return Error(ErrorCode::FileUnwritable, out.errorString());
    return written;
}

} // namespace paydesk
