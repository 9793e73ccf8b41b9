#include "core/payment/OrderImport.h"

#include "core/channel/ChannelNames.h"
#include "core/channel/account/ChannelAccountStore.h"
#include "core/fee/FeeService.h"
#include "core/ledger/Ledger.h"
#include "core/merchant/ApplicationStore.h"
#include "core/merchant/MerchantReference.h"
#include "core/money/Fees.h"
#include "core/payment/PaymentOrderStore.h"
#include "core/payment/PaymentPostings.h"
#include "core/payment/PaymentRefundStore.h"
#include "core/payment/PaymentStates.h"
#include "core/security/AuditLog.h"
#include "core/security/Authorizer.h"
#include "core/storage/Database.h"
#include "core/storage/Settings.h"
#include "core/storage/UnitOfWork.h"
#include "core/util/Clock.h"
#include "core/util/CsvStream.h"
#include "core/util/Error.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace paydesk {

namespace {

constexpr int kMaxProblems = 50;
constexpr int kChunk = 2000;
constexpr qint64 kRefreshStatisticsFrom = 10000;
constexpr int kAnalyzeEveryChunks = 25; // 50,000 rows

const QStringList kRequired{QStringLiteral("type"),   QStringLiteral("app_id"), QStringLiteral("merchant_order_no"),
                            QStringLiteral("amount"), QStringLiteral("status"), QStringLiteral("created_at")};
const QStringList kKnown{QStringLiteral("type"),
                         QStringLiteral("app_id"),
                         QStringLiteral("merchant_order_no"),
                         QStringLiteral("merchant_refund_no"),
                         QStringLiteral("method"),
                         QStringLiteral("amount"),
                         QStringLiteral("currency"),
                         QStringLiteral("subject"),
                         QStringLiteral("status"),
                         QStringLiteral("created_at"),
                         QStringLiteral("paid_at"),
                         QStringLiteral("channel_account"),
                         QStringLiteral("channel_transaction_id"),
                         QStringLiteral("payer_id"),
                         QStringLiteral("merchant_fee"),
                         QStringLiteral("channel_fee")};

struct AppInfo
{
    qint64 id = 0;
    qint64 merchantId = 0;
    QString merchantNo;
    Currency currency = Currency::cny();
};

struct AccountInfo
{
    qint64 id = 0;
    QString name;
    ChannelKind channel = ChannelKind::WeChatPay;
};

// What the import keeps of each order between the passes (millions of them: kept small).
struct OrderSlot
{
    qint64 id = 0;
    QByteArray orderNo;
    qint64 amount = 0;
    qint64 merchantFee = 0;
    qint64 channelFee = 0;
    qint64 refundedTotal = 0; // all the file's refunds of it (first pass)
    qint64 refundedSoFar = 0; // those written so far (second pass)
    int app = 0;
    int account = 0;
    bool succeeded = false;
};

struct Row
{
    qint64 line = 0;
    bool isRefund = false;
    QString appId;
    QString merchantOrderNo;
    QString merchantRefundNo;
    PayMethod method = PayMethod::WeChatNative;
    QString amountText;
    QString currency;
    QString subject;
    PaymentStatus status = PaymentStatus::Succeeded;
    QDateTime createdAt;
    QDateTime paidAt;
    QString account;
    QString transactionId;
    QString payerId;
    QString merchantFee; // both or neither: the old system's fees instead of today's rates
    QString channelFee;
    QStringList fields; // as read, for the request hash
};

QString rateKeyOf(qint64 merchantId, qint64 accountId, PayMethod method, const QDate &day)
{
    return QStringLiteral("%1|%2|%3|%4").arg(merchantId).arg(accountId).arg(int(method)).arg(day.toJulianDay());
}

QByteArray key(qint64 applicationId, const QString &number)
{
    return QByteArray::number(applicationId) + '\x1f' + number.toUtf8();
}

// Our numbers for imported records: the prefix, the local time of the record to the
// millisecond and the line number (at least five digits), so that a file gives the same
// numbers each time and two records of one millisecond differ however long the file is.
QString numberFor(QChar prefix, const QDateTime &at, qint64 line)
{
    return prefix + at.toTimeZone(Clock::platformTimeZone()).toString(QStringLiteral("yyyyMMddHHmmsszzz")) +
           QString::number(line).rightJustified(5, QLatin1Char('0'));
}

} // namespace

OrderImport::OrderImport(Database &database, const Clock &clock, AuditLog &audit, FeeService &fees)
    : m_database(database), m_clock(clock), m_audit(audit), m_fees(fees)
{
}

Result<OrderImport::Summary> OrderImport::run(const Actor &actor, const QString &path, const Progress &progress)
{
    const Status allowed = Authorizer(m_audit).require(actor, Permission::LedgerPost,
                                                       QStringLiteral("import:") + QFileInfo(path).fileName());
    if (!allowed)
        return allowed.error();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::FileUnreadable, path + QStringLiteral(": ") + file.errorString());
    const qint64 total = file.size();
    auto connection = m_database.connection();
    if (!connection)
        return connection.error();
    const QSqlDatabase db = *connection;
    auto maxAmount = Settings(m_database).maxAmountMinor();
    if (!maxAmount)
        return maxAmount.error();

    QList<AppInfo> apps;
    QHash<QString, int> appIndex;
    QList<AccountInfo> accounts;
    QHash<QString, int> accountIndex;
    struct Rates
    {
        qint64 merchantPpm = 0;
        qint64 channelPpm = 0;
    };
    QHash<QString, Rates> rates; // merchant|account|method|date
    QHash<QByteArray, OrderSlot> orders;
    QSet<QByteArray> refunds;
    QStringList problems;
    qint64 problemCount = 0;
    auto problem = [&](qint64 line, const QString &text) {
        ++problemCount;
        if (problems.size() < kMaxProblems)
            problems << QStringLiteral("line %1: %2").arg(line).arg(text);
    };

    QHash<QString, int> column;
    auto field = [&](const CsvReader::Row &row, const QString &name) {
        const int at = column.value(name, -1);
        return at >= 0 && at < row.fields.size() ? row.fields.at(at).trimmed() : QString();
    };
    auto readHeader = [&](CsvStream &stream) -> Status {
        auto header = stream.next();
        if (!header)
            return header.error();
        if (!*header)
            return Error(ErrorCode::ImportFailed, QStringLiteral("the file is empty"));
        column.clear();
        for (int i = 0; i < (*header)->fields.size(); ++i) {
            const QString name = (*header)->fields.at(i).trimmed().toLower();
            if (!kKnown.contains(name))
                return Error(ErrorCode::ImportFailed, QStringLiteral("line 1: unknown column %1").arg(name));
            if (column.contains(name))
                return Error(ErrorCode::ImportFailed, QStringLiteral("line 1: column %1 twice").arg(name));
            column.insert(name, i);
        }
        for (const QString &name : kRequired) {
            if (!column.contains(name))
                return Error(ErrorCode::ImportFailed, QStringLiteral("line 1: column %1 is missing").arg(name));
        }
        return {};
    };
    auto instant = [](const QString &text) {
        const QDateTime at = QDateTime::fromString(text, Qt::ISODateWithMs);
        return at.isValid() && at.timeSpec() != Qt::LocalTime ? at.toUTC() : QDateTime();
    };
    auto parse = [&](const CsvReader::Row &raw, Row *row) -> QString {
        row->line = raw.line;
        row->fields = raw.fields;
        const QString type = field(raw, QStringLiteral("type")).toLower();
        if (type != QLatin1String("order") && type != QLatin1String("refund"))
            return QStringLiteral("type: order or refund");
        row->isRefund = type == QLatin1String("refund");
        row->appId = field(raw, QStringLiteral("app_id"));
        row->merchantOrderNo = field(raw, QStringLiteral("merchant_order_no"));
        row->merchantRefundNo = field(raw, QStringLiteral("merchant_refund_no"));
        row->amountText = field(raw, QStringLiteral("amount"));
        row->currency = field(raw, QStringLiteral("currency"));
        row->subject = field(raw, QStringLiteral("subject"));
        const QString status = field(raw, QStringLiteral("status")).toLower();
        if (!PaymentStates::fromName(status, &row->status))
            return QStringLiteral("status: succeeded, closed or failed");
        row->account = field(raw, QStringLiteral("channel_account"));
        row->transactionId = field(raw, QStringLiteral("channel_transaction_id"));
        row->payerId = field(raw, QStringLiteral("payer_id"));
        row->merchantFee = field(raw, QStringLiteral("merchant_fee"));
        row->channelFee = field(raw, QStringLiteral("channel_fee"));
        if (row->merchantFee.isEmpty() != row->channelFee.isEmpty())
            return QStringLiteral("merchant_fee, channel_fee: both or neither");
        row->createdAt = instant(field(raw, QStringLiteral("created_at")));
        if (!row->createdAt.isValid())
            return QStringLiteral("created_at: ISO 8601 with a time zone offset, e.g. 2026-10-01T09:30:00+08:00");
        const QString paid = field(raw, QStringLiteral("paid_at"));
        row->paidAt = instant(paid);
        if (!paid.isEmpty() && !row->paidAt.isValid())
            return QStringLiteral("paid_at: ISO 8601 with a time zone offset");
        static const QRegularExpression number(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
        if (!number.match(row->merchantOrderNo).hasMatch())
            return QStringLiteral("merchant_order_no: 1–64 of A–Z a–z 0–9 _ -");
        if (row->isRefund) {
            if (!number.match(row->merchantRefundNo).hasMatch())
                return QStringLiteral("merchant_refund_no: 1–64 of A–Z a–z 0–9 _ -");
            if (row->status != PaymentStatus::Succeeded)
                return QStringLiteral("status: a refund is imported as succeeded");
            if (!row->paidAt.isValid())
                return QStringLiteral("paid_at: when the refund succeeded");
            return {};
        }
        if (!ChannelNames::methodFromName(field(raw, QStringLiteral("method")), &row->method))
            return QStringLiteral("method: %1 is not a payment method").arg(field(raw, QStringLiteral("method")));
        if (row->subject.isEmpty() || row->subject.size() > 128)
            return QStringLiteral("subject: 1–128 characters");
        if (row->status != PaymentStatus::Succeeded && row->status != PaymentStatus::Closed &&
            row->status != PaymentStatus::Failed)
            return QStringLiteral("status: succeeded, closed or failed");
        if ((row->status == PaymentStatus::Succeeded) != row->paidAt.isValid())
            return QStringLiteral("paid_at: given for succeeded orders only");
        if (row->paidAt.isValid() && row->paidAt < row->createdAt)
            return QStringLiteral("paid_at: before created_at");
        return {};
    };
    auto appFor = [&](const QString &appId) -> int {
        auto found = appIndex.constFind(appId);
        if (found != appIndex.constEnd())
            return *found;
        AppInfo info;
        // An application of a merchant (a platform application has none to book to).
        auto application = ApplicationStore::byAppId(db, appId);
        if (application && application->merchantId > 0) {
            auto merchant = MerchantReference::load(db, application->merchantId);
            if (merchant) {
                info.id = application->id;
                info.merchantId = merchant->id;
                info.merchantNo = merchant->merchantNo;
                info.currency = merchant->currency;
            }
        }
        apps << info;
        appIndex.insert(appId, int(apps.size() - 1));
        return int(apps.size() - 1);
    };
    auto accountFor = [&](const QString &name) -> int {
        auto found = accountIndex.constFind(name);
        if (found != accountIndex.constEnd())
            return *found;
        AccountInfo info;
        auto account = ChannelAccountStore::loadByName(db, name);
        if (account) {
            info.id = account->id;
            info.name = name;
            info.channel = account->channel;
        }
        accounts << info;
        accountIndex.insert(name, int(accounts.size() - 1));
        return int(accounts.size() - 1);
    };

    // First pass: check everything, keep what the second pass needs.
    QElapsedTimer timer;
    timer.start();
    Summary summary;
    {
        CsvStream stream(file);
        const Status header = readHeader(stream);
        if (!header)
            return header.error();
        QList<std::pair<QByteArray, qint64>> orderKeys; // waiting for the check against the database
        QList<std::pair<QByteArray, qint64>> refundKeys;
        auto checkExisting = [&](bool refundKeysToo) -> Status {
            for (int pass = 0; pass < (refundKeysToo ? 2 : 1); ++pass) {
                QList<std::pair<QByteArray, qint64>> &pending = pass == 0 ? orderKeys : refundKeys;
                if (pending.isEmpty())
                    continue;
                QHash<QByteArray, qint64> lineOf;
                QStringList numbers;
                for (const auto &[k, line] : std::as_const(pending)) {
                    lineOf.insert(k, line);
                    numbers << QString::fromUtf8(k.mid(k.indexOf('\x1f') + 1));
                }
                const auto taken = [&](qint64 applicationId, const QString &number) {
                    const QByteArray existing = key(applicationId, number);
                    if (lineOf.contains(existing))
                        problem(lineOf.value(existing),
                                pass == 0 ? QStringLiteral("merchant_order_no: already in the database")
                                          : QStringLiteral("merchant_refund_no: already in the database"));
                };
                const Status selected = pass == 0 ? PaymentOrderStore::findTaken(m_database, numbers, taken)
                                                  : PaymentRefundStore::findTaken(m_database, numbers, taken);
                if (!selected)
                    return selected;
                pending.clear();
            }
            return {};
        };
        for (;;) {
            auto next = stream.next();
            if (!next) { // the stream's errors name their line already
                ++problemCount;
                problems << next.error().detail();
                break;
            }
            if (!*next)
                break;
            ++summary.lines;
            Row row;
            const QString wrong = parse(**next, &row);
            if (!wrong.isEmpty()) {
                problem(row.line, wrong);
                continue;
            }
            const int app = appFor(row.appId);
            if (apps.at(app).id == 0) {
                problem(row.line, QStringLiteral("app_id: no application %1 of a merchant").arg(row.appId));
                continue;
            }
            const AppInfo &application = apps.at(app);
            auto money = Money::parse(row.amountText, application.currency);
            if (!money || !money->isPositive() ||
                (!row.currency.isEmpty() && row.currency != application.currency.code())) {
                problem(row.line, QStringLiteral("amount: a positive amount in %1").arg(application.currency.code()));
                continue;
            }
            if (money->minor() > *maxAmount) {
                problem(row.line,
                        QStringLiteral("amount: at most %1 (%2)")
                            .arg(Money::fromMinor(*maxAmount, application.currency).toString(), Settings::MaxAmount));
                continue;
            }
            const QByteArray orderKey = key(application.id, row.merchantOrderNo);
            if (row.isRefund) {
                auto slot = orders.find(orderKey);
                if (slot == orders.end()) {
                    problem(
                        row.line,
                        QStringLiteral("merchant_order_no: no order %1 earlier in the file").arg(row.merchantOrderNo));
                    continue;
                }
                if (!slot->succeeded) {
                    problem(row.line, QStringLiteral("merchant_order_no: %1 was not paid").arg(row.merchantOrderNo));
                    continue;
                }
                // What is left to refund, compared without a sum that could overflow.
                if (money->minor() > slot->amount - slot->refundedTotal) {
                    problem(row.line, QStringLiteral("amount: the refunds of %1 would exceed its %2")
                                          .arg(row.merchantOrderNo,
                                               Money::fromMinor(slot->amount, application.currency).toString()));
                    continue;
                }
                if (row.paidAt < row.createdAt) {
                    problem(row.line, QStringLiteral("paid_at: before created_at"));
                    continue;
                }
                const QByteArray refundKey = key(application.id, row.merchantRefundNo);
                if (refunds.contains(refundKey)) {
                    problem(row.line,
                            QStringLiteral("merchant_refund_no: %1 twice in the file").arg(row.merchantRefundNo));
                    continue;
                }
                refunds.insert(refundKey);
                refundKeys << std::pair{refundKey, row.line};
                slot->refundedTotal += money->minor();
                ++summary.refunds;
            } else {
                if (orders.contains(orderKey)) {
                    problem(row.line,
                            QStringLiteral("merchant_order_no: %1 twice in the file").arg(row.merchantOrderNo));
                    continue;
                }
                const int account = accountFor(row.account);
                if (accounts.at(account).id == 0) {
                    problem(row.line, QStringLiteral("channel_account: no account %1").arg(row.account));
                    continue;
                }
                if (accounts.at(account).channel != ChannelNames::channelOf(row.method)) {
                    problem(row.line,
                            QStringLiteral("channel_account: %1 is not a %2 account")
                                .arg(row.account, ChannelNames::channel(ChannelNames::channelOf(row.method))));
                    continue;
                }
                OrderSlot slot;
                if (!row.merchantFee.isEmpty()) {
                    // The old system's own fees: kept as they were, with the rates they amount to.
                    auto merchantFee = Money::parse(row.merchantFee, application.currency);
                    auto channelFee = Money::parse(row.channelFee, application.currency);
                    if (!merchantFee || !channelFee || merchantFee->isNegative() || channelFee->isNegative() ||
                        merchantFee->minor() > money->minor() || channelFee->minor() > money->minor()) {
                        problem(row.line, QStringLiteral("merchant_fee, channel_fee: from 0 to the amount"));
                        continue;
                    }
                    slot.merchantFee = merchantFee->minor();
                    slot.channelFee = channelFee->minor();
                } else {
                    const QDate day = row.createdAt.toTimeZone(Clock::platformTimeZone()).date();
                    const QString rateKey = rateKeyOf(application.merchantId, accounts.at(account).id, row.method, day);
                    if (!rates.contains(rateKey)) {
                        auto quote =
                            m_fees.quote(application.merchantId, accounts.at(account).id, row.method, *money, day);
                        if (!quote) {
                            problem(row.line,
                                    QStringLiteral("no fee rate on %1 (give merchant_fee and channel_fee): %2")
                                        .arg(day.toString(Qt::ISODate), quote.error().message()));
                            continue;
                        }
                        rates.insert(rateKey, Rates{quote->merchantRate.ppm(), quote->channelRate.ppm()});
                    }
                    const Rates r = rates.value(rateKey);
                    slot.merchantFee =
                        Fees::apply(*money, Rate::fromPpm(r.merchantPpm).value(), RoundingMode::HalfUp)->minor();
                    slot.channelFee =
                        Fees::apply(*money, Rate::fromPpm(r.channelPpm).value(), RoundingMode::HalfUp)->minor();
                }
                slot.orderNo = numberFor(QLatin1Char('P'), row.createdAt, row.line).toLatin1();
                slot.amount = money->minor();
                slot.app = app;
                slot.account = account;
                slot.succeeded = row.status == PaymentStatus::Succeeded;
                orders.insert(orderKey, slot);
                orderKeys << std::pair{orderKey, row.line};
                ++summary.orders;
            }
            if (orderKeys.size() + refundKeys.size() >= kChunk) {
                const Status checked = checkExisting(true);
                if (!checked)
                    return checked.error();
            }
            if (progress && summary.lines % 10000 == 0 && !progress(stream.bytesRead(), total, false))
                return Error(ErrorCode::Cancelled, path);
        }
        const Status checked = checkExisting(true);
        if (!checked)
            return checked.error();
    }
    summary.checkSeconds = timer.nsecsElapsed() / 1e9;
    if (problemCount > 0) {
        QString detail = problems.join(QLatin1Char('\n'));
        if (problemCount > problems.size())
            detail += QStringLiteral("\n… and %1 more").arg(problemCount - problems.size());
        return Error(ErrorCode::ImportFailed, detail);
    }

    // Second pass: write it all in one unit of work, a chunk of rows at a time.
    timer.restart();
    UnitOfWork work(m_database);
    if (!work.isActive())
        return work.error();
    Ledger ledger(m_database, m_clock);
    const QDateTime now = m_clock.nowUtc();
    const QString fileName = QFileInfo(path).fileName();
    QList<Row> chunk;
    auto flush = [&]() -> Status {
        // Payments first (their entries, then the orders with their entry ids), then refunds.
        QList<EntryDraft> payments;
        QList<Row *> paidRows;
        for (Row &row : chunk) {
            if (row.isRefund || row.status != PaymentStatus::Succeeded)
                continue;
            const AppInfo &application = apps.at(appIndex.value(row.appId));
            const OrderSlot &slot = orders[key(application.id, row.merchantOrderNo)];
            const PaidOrder paid{QString::fromLatin1(slot.orderNo),
                                 application.merchantNo,
                                 accounts.at(slot.account).name,
                                 Money::fromMinor(slot.amount, application.currency),
                                 Money::fromMinor(slot.merchantFee, application.currency),
                                 Money::fromMinor(slot.channelFee, application.currency)};
            auto entry =
                PaymentPostings::paymentSucceeded(paid, row.paidAt.toTimeZone(Clock::platformTimeZone()).date());
            if (!entry)
                return entry.error().within(QStringLiteral("line %1").arg(row.line));
            entry->createdBy = actor.name();
            payments << *entry;
            paidRows << &row;
        }
        QHash<qint64, qint64> entryOfLine;
        if (!payments.isEmpty()) {
            auto ids = ledger.post(payments, Ledger::PostOptions{true});
            if (!ids)
                return ids.error();
            for (int i = 0; i < ids->size(); ++i)
                entryOfLine.insert(paidRows.at(i)->line, ids->at(i));
        }
        QList<PaymentOrderStore::ImportedOrder> imported;
        QList<OrderSlot *> importedSlots;
        for (const Row &row : std::as_const(chunk)) {
            if (row.isRefund)
                continue;
            const AppInfo &application = apps.at(appIndex.value(row.appId));
            OrderSlot &slot = orders[key(application.id, row.merchantOrderNo)];
            PaymentOrder o;
            o.orderNo = QString::fromLatin1(slot.orderNo);
            o.applicationId = application.id;
            o.merchantId = application.merchantId;
            o.merchantOrderNo = row.merchantOrderNo;
            o.requestHash = QString::fromLatin1(
                QCryptographicHash::hash(row.fields.join(QChar(0x1f)).toUtf8(), QCryptographicHash::Sha256).toHex());
            o.method = row.method;
            o.amount = Money::fromMinor(slot.amount, application.currency);
            o.subject = row.subject;
            o.expiresAt = row.createdAt.addSecs(30 * 60);
            o.status = row.status;
            if (slot.refundedTotal > 0)
                o.status =
                    slot.refundedTotal == slot.amount ? PaymentStatus::Refunded : PaymentStatus::PartiallyRefunded;
            o.channelAccountId = accounts.at(slot.account).id;
            o.channelTransactionId = row.transactionId;
            o.payerId = row.payerId;
            const QDate day = row.createdAt.toTimeZone(Clock::platformTimeZone()).date();
            // The rates in effect (or, for fees given in the file, the rates those fees amount to).
            const qint64 merchantPpm = (slot.merchantFee * 1000000 + slot.amount / 2) / slot.amount;
            const qint64 channelPpm = (slot.channelFee * 1000000 + slot.amount / 2) / slot.amount;
            const Rates r = rates.value(rateKeyOf(application.merchantId, o.channelAccountId, row.method, day),
                                        Rates{merchantPpm, channelPpm});
            o.merchantRatePpm = r.merchantPpm;
            o.merchantFee = Money::fromMinor(slot.merchantFee, application.currency);
            o.channelRatePpm = r.channelPpm;
            o.channelFee = Money::fromMinor(slot.channelFee, application.currency);
            o.refundedAmount = Money::fromMinor(slot.refundedTotal, application.currency);
            o.businessDate = day;
            o.paidAt = row.paidAt;
            o.entryId = entryOfLine.value(row.line);
            o.createdAt = row.createdAt;
            imported << PaymentOrderStore::ImportedOrder{o, QJsonObject{{QStringLiteral("file"), fileName},
                                                                        {QStringLiteral("line"), row.line},
                                                                        {QStringLiteral("by"), actor.name()}}};
            importedSlots << &slot;
        }
        auto orderIds = PaymentOrderStore::insertImported(m_database, imported, now);
        if (!orderIds)
            return orderIds.error();
        for (qsizetype i = 0; i < importedSlots.size(); ++i)
            importedSlots.at(i)->id = orderIds->at(i);
        // Refunds, in file order: each returns its share of the fees given those before it.
        QList<EntryDraft> refundEntries;
        QList<PaymentRefund> importedRefunds;
        for (const Row &row : std::as_const(chunk)) {
            if (!row.isRefund)
                continue;
            const AppInfo &application = apps.at(appIndex.value(row.appId));
            OrderSlot &slot = orders[key(application.id, row.merchantOrderNo)];
            const PaidOrder paid{QString::fromLatin1(slot.orderNo),
                                 application.merchantNo,
                                 accounts.at(slot.account).name,
                                 Money::fromMinor(slot.amount, application.currency),
                                 Money::fromMinor(slot.merchantFee, application.currency),
                                 Money::fromMinor(slot.channelFee, application.currency)};
            const Money before = Money::fromMinor(slot.refundedSoFar, application.currency);
            const Money amount = *Money::parse(row.amountText, application.currency);
            auto fees = PaymentPostings::refundFees(paid, before, amount);
            if (!fees)
                return fees.error().within(QStringLiteral("line %1").arg(row.line));
            const QString refundNo = numberFor(QLatin1Char('R'), row.createdAt, row.line);
            auto entry = PaymentPostings::refundSucceeded(paid, refundNo, before, amount,
                                                          row.paidAt.toTimeZone(Clock::platformTimeZone()).date());
            if (!entry)
                return entry.error().within(QStringLiteral("line %1").arg(row.line));
            entry->createdBy = actor.name();
            refundEntries << *entry;
            slot.refundedSoFar += amount.minor();
            PaymentRefund refund;
            refund.refundNo = refundNo;
            refund.orderId = slot.id;
            refund.applicationId = application.id;
            refund.merchantRefundNo = row.merchantRefundNo;
            refund.requestHash = QString::fromLatin1(
                QCryptographicHash::hash(row.fields.join(QChar(0x1f)).toUtf8(), QCryptographicHash::Sha256).toHex());
            refund.amount = amount;
            refund.merchantFee = fees->merchantFee;
            refund.channelFee = fees->channelFee;
            refund.status = PaymentRefundStatus::Succeeded;
            refund.channelRefundId = row.transactionId;
            refund.requestedAt = row.createdAt;
            refund.succeededAt = row.paidAt;
            importedRefunds << refund;
        }
        if (!refundEntries.isEmpty()) {
            auto entryIds = ledger.post(refundEntries, Ledger::PostOptions{true});
            if (!entryIds)
                return entryIds.error();
            for (int i = 0; i < entryIds->size(); ++i)
                importedRefunds[i].entryId = entryIds->at(i);
            const Status step = PaymentRefundStore::insertImported(m_database, importedRefunds, now);
            if (!step)
                return step;
        }
        summary.entries += payments.size() + refundEntries.size();
        chunk.clear();
        return {};
    };

    if (!file.seek(0))
        return Error(ErrorCode::FileUnreadable, path);
    CsvStream stream(file);
    const Status header = readHeader(stream);
    if (!header)
        return header.error();
    int chunksWritten = 0;
    for (;;) {
        auto next = stream.next();
        if (!next)
            return next.error();
        if (!*next)
            break;
        Row row;
        const QString wrong = parse(**next, &row);
        if (!wrong.isEmpty()) // the file changed between the passes
            return Error(ErrorCode::ImportFailed, QStringLiteral("line %1: %2").arg(row.line).arg(wrong));
        chunk << row;
        if (chunk.size() >= kChunk) {
            const Status flushed = flush();
            if (!flushed)
                return flushed.error();
            // PostgreSQL plans by its statistics, which know nothing of the rows this unit of work
            // has added: refreshed now and then (ANALYZE counts our own uncommitted rows), the
            // ledger's and import's look-ups stay on their indexes instead of scanning the tables.
            if (!m_database.isSqlite() && ++chunksWritten % kAnalyzeEveryChunks == 0) {
                const Status analysed = PaymentOrderStore::refreshStatisticsDuringImport(work.connection());
                if (!analysed)
                    return analysed.error();
            }
            if (progress && !progress(stream.bytesRead(), total, true))
                return Error(ErrorCode::Cancelled, path);
        }
    }
    Status step = flush();
    if (!step)
        return step.error();
    step = m_audit.append(actor, {QStringLiteral("orders.import"), QStringLiteral("file:") + fileName, AuditResult::Ok,
                                  QJsonObject{{QStringLiteral("lines"), summary.lines},
                                              {QStringLiteral("orders"), summary.orders},
                                              {QStringLiteral("refunds"), summary.refunds},
                                              {QStringLiteral("entries"), summary.entries}}});
    if (!step)
        return step.error();
    step = work.commit();
    if (!step)
        return step.error();
    if (summary.orders >= kRefreshStatisticsFrom) {
        // A large import changes what the tables look like to the query planners (the order
        // search picks its index by them): refreshed now rather than whenever the database
        // would. SQLite samples each index (analysis_limit) instead of reading all of it.
        UnitOfWork statistics(m_database);
        if (!statistics.isActive())
            return statistics.error();
        step = PaymentOrderStore::refreshStatisticsAfterImport(statistics.connection());
        if (!step)
            return step.error();
        step = statistics.commit();
        if (!step)
            return step.error();
    }
    summary.writeSeconds = timer.nsecsElapsed() / 1e9;
    return summary;
}

} // namespace paydesk
