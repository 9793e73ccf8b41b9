#include "core/ledger/LedgerCliExporter.h"

#include "core/ledger/LedgerQueryStore.h"
#include "core/ledger/PostingLines.h"
#include "core/money/Money.h"

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
    auto accounts = LedgerQueryStore::accountLabels(m_database);
    if (!accounts)
        return accounts.error();

    qint64 written = 0;
    QString chunk = QStringLiteral("; Paydesk journal export. Amounts in each currency's units; debits positive.\n");
    Error failure;
    auto flush = [&out, &chunk]() {
        const QByteArray bytes = chunk.toUtf8();
        chunk.clear();
        return out.write(bytes) == bytes.size();
    };
    auto streamed = LedgerQueryStore::forEachEntry(m_database, [&](const LedgerQueryStore::StoredEntry &entry) {
        auto lines = PostingLines::decode(entry.postings);
        if (!lines) {
            failure = lines.error().within(QStringLiteral("entry %1").arg(entry.id));
            return false;
        }
        const QString reference = singleLine(entry.reference);
        const QString payee = reference.isEmpty() ? entry.kind : reference;
        chunk += QLatin1Char('\n') + entry.businessDate.toString(QStringLiteral("yyyy/MM/dd")) +
                 QStringLiteral(" * (") + QString::number(entry.id) + QStringLiteral(") ") + payee + QLatin1Char('\n');
        chunk += QStringLiteral("    ; kind: ") + entry.kind + QLatin1Char('\n');
        const QString memo = singleLine(entry.memo);
        if (!memo.isEmpty())
            chunk += QStringLiteral("    ; ") + memo + QLatin1Char('\n');
        for (const PostingLines::Line &line : std::as_const(*lines)) {
            const LedgerQueryStore::AccountLabel account = accounts->value(line.accountId);
            if (!account.currency.isValid()) {
                failure = Error(ErrorCode::AccountUnknown, QString::number(line.accountId))
                              .within(QStringLiteral("entry %1").arg(entry.id));
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
