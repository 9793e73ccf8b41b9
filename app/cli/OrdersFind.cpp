#include "app/cli/OrdersFind.h"

#include "core/PaydeskCore.h"
#include "core/channel/ChannelNames.h"
#include "core/util/Error.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace paydesk::cli {

namespace {

QJsonObject toJson(const OrderSummary &o)
{
    return QJsonObject{{QStringLiteral("order_no"), o.orderNo},
                       {QStringLiteral("created_at"), o.createdAt.toString(Qt::ISODateWithMs)},
                       {QStringLiteral("paid_at"),
                        o.paidAt.isValid() ? QJsonValue(o.paidAt.toString(Qt::ISODateWithMs)) : QJsonValue()},
                       {QStringLiteral("merchant_no"), o.merchantNo},
                       {QStringLiteral("merchant"), o.merchantName},
                       {QStringLiteral("app_id"), o.appId},
                       {QStringLiteral("merchant_order_no"), o.merchantOrderNo},
                       {QStringLiteral("channel"), ChannelNames::channel(o.channel)},
                       {QStringLiteral("channel_account"), o.channelAccount},
                       {QStringLiteral("method"), ChannelNames::method(o.method)},
                       {QStringLiteral("status"), PaymentStates::name(o.status)},
                       {QStringLiteral("currency"), o.amount.currency().code()},
                       {QStringLiteral("amount"), o.amount.toString()},
                       {QStringLiteral("refunded_amount"), o.refundedAmount.toString()},
                       {QStringLiteral("merchant_fee"), o.merchantFee.toString()},
                       {QStringLiteral("channel_fee"), o.channelFee.toString()},
                       {QStringLiteral("channel_transaction_id"), o.channelTransactionId},
                       {QStringLiteral("payer_id"), o.payerId},
                       {QStringLiteral("subject"), o.subject},
                       {QStringLiteral("matched_by"), o.matchedBy}};
}

QString cursorText(const OrderCursor &cursor)
{
    return QStringLiteral("%1:%2").arg(cursor.createdAtMs).arg(cursor.id);
}

std::optional<OrderCursor> parseCursor(const QString &text)
{
    const QStringList parts = text.split(QLatin1Char(':'));
    bool okTime = false;
    bool okId = false;
    if (parts.size() != 2)
        return std::nullopt;
    OrderCursor cursor{parts[0].toLongLong(&okTime), parts[1].toLongLong(&okId)};
    if (!okTime || !okId)
        return std::nullopt;
    return cursor;
}

} // namespace

int runOrdersFind(CliContext &context)
{
    QCommandLineParser parser;
    CliContext::addOperatorOption(parser);
    parser.addPositionalArgument(
        QStringLiteral("text"),
        Cli::tr("Any id: our order or refund no, the merchant's order or refund no, the channel's "
                "transaction or refund id, or a payer id (optional)."),
        QStringLiteral("[TEXT]"));
    const QCommandLineOption merchant(QStringLiteral("merchant"), Cli::tr("Merchant number, e.g. M1001."),
                                      Cli::tr("no"));
    const QCommandLineOption app(QStringLiteral("app"), Cli::tr("Application (app_id)."), Cli::tr("app_id"));
    const QCommandLineOption channel(QStringLiteral("channel"), Cli::tr("wechatpay, alipay or unionpay."),
                                     Cli::tr("channel"));
    const QCommandLineOption account(QStringLiteral("account"), Cli::tr("Channel account name."), Cli::tr("name"));
    const QCommandLineOption method(QStringLiteral("method"),
                                    Cli::tr("wechat.native, wechat.jsapi, alipay.precreate or unionpay.front."),
                                    Cli::tr("method"));
    const QCommandLineOption status(
        QStringLiteral("status"),
        Cli::tr("created, paying, succeeded, failed, closed, partially_refunded or refunded."), Cli::tr("status"));
    const QCommandLineOption minAmount(QStringLiteral("min-amount"), Cli::tr("Smallest amount, e.g. 88.00."),
                                       Cli::tr("amount"));
    const QCommandLineOption maxAmount(QStringLiteral("max-amount"), Cli::tr("Largest amount."), Cli::tr("amount"));
    const QCommandLineOption from(
        QStringLiteral("from"), Cli::tr("Created on or after this day (YYYY-MM-DD, platform time)."), Cli::tr("date"));
    const QCommandLineOption to(QStringLiteral("to"), Cli::tr("Created on or before this day."), Cli::tr("date"));
    const QCommandLineOption paidFrom(QStringLiteral("paid-from"), Cli::tr("Paid on or after this day."),
                                      Cli::tr("date"));
    const QCommandLineOption paidTo(QStringLiteral("paid-to"), Cli::tr("Paid on or before this day."), Cli::tr("date"));
    const QCommandLineOption refunded(QStringLiteral("refunded"),
                                      Cli::tr("yes: only orders with a refund; no: only without."), Cli::tr("yes|no"));
    const QCommandLineOption limit(QStringLiteral("limit"), Cli::tr("Orders per page (1–1000, default 50)."),
                                   Cli::tr("n"), QStringLiteral("50"));
    const QCommandLineOption after(QStringLiteral("after"), Cli::tr("Continue after this cursor (printed as next: …)."),
                                   Cli::tr("cursor"));
    const QCommandLineOption json(QStringLiteral("json"), Cli::tr("Print the page as JSON."));
    const QCommandLineOption countOption(QStringLiteral("count"), Cli::tr("Print only how many orders match."));
    const QCommandLineOption csv(QStringLiteral("csv"),
                                 Cli::tr("Write every matching order as CSV to this file (- for standard output)."),
                                 Cli::tr("file"));
    parser.addOptions({merchant, app, channel, account, method, status, minAmount, maxAmount, from, to, paidFrom,
                       paidTo, refunded, limit, after, json, countOption, csv});
    if (!context.parse(parser,
                       Cli::tr("Find orders by any id and any filters, newest first. Needs payment.view; payer ids "
                               "are masked without merchant.view_sensitive.")))
        return context.exitCode();
    if (parser.positionalArguments().size() > 1)
        return context.fail(Cli::tr("give at most one id (quote it if it has spaces)"), Usage);

    OrderFilter filter;
    filter.anyId = parser.positionalArguments().value(0);
    filter.merchantNo = parser.value(merchant);
    filter.appId = parser.value(app);
    filter.channelAccount = parser.value(account);
    if (parser.isSet(channel)) {
        ChannelKind kind;
        if (!ChannelNames::channelFromName(parser.value(channel), &kind))
            return context.fail(Cli::tr("--channel: unknown channel %1").arg(parser.value(channel)), Usage);
        filter.channel = kind;
    }
    if (parser.isSet(method)) {
        PayMethod value;
        if (!ChannelNames::methodFromName(parser.value(method), &value))
            return context.fail(Cli::tr("--method: unknown method %1").arg(parser.value(method)), Usage);
        filter.method = value;
    }
    if (parser.isSet(status)) {
        PaymentStatus value;
        if (!PaymentStates::fromName(parser.value(status), &value))
            return context.fail(Cli::tr("--status: unknown status %1").arg(parser.value(status)), Usage);
        filter.status = value;
    }
    for (const auto &[option, bound] :
         {std::pair{&minAmount, &filter.minAmount}, std::pair{&maxAmount, &filter.maxAmount}}) {
        if (!parser.isSet(*option))
            continue;
        auto amount = Money::parse(parser.value(*option), Currency::cny());
        if (!amount)
            return context.fail(QStringLiteral("--%1: ").arg(option->names().first()) + amount.error().message(),
                                Usage);
        *bound = amount->minor();
    }
    for (const auto &[option, day] : {std::pair{&from, &filter.createdFrom}, std::pair{&to, &filter.createdTo},
                                      std::pair{&paidFrom, &filter.paidFrom}, std::pair{&paidTo, &filter.paidTo}}) {
        if (!parser.isSet(*option))
            continue;
        *day = QDate::fromString(parser.value(*option), Qt::ISODate);
        if (!day->isValid())
            return context.fail(
                Cli::tr("--%1: not a date (YYYY-MM-DD): %2").arg(option->names().first(), parser.value(*option)),
                Usage);
    }
    if (parser.isSet(refunded)) {
        const QString value = parser.value(refunded);
        if (value != QLatin1String("yes") && value != QLatin1String("no"))
            return context.fail(Cli::tr("--refunded: yes or no"), Usage);
        filter.hasRefund = value == QLatin1String("yes");
    }
    bool limitOk = false;
    const int pageSize = parser.value(limit).toInt(&limitOk);
    if (!limitOk || pageSize < 1 || pageSize > OrderSearch::kMaxPageSize)
        return context.fail(Cli::tr("--limit: 1 to %1").arg(OrderSearch::kMaxPageSize), Usage);
    std::optional<OrderCursor> cursor;
    if (parser.isSet(after)) {
        cursor = parseCursor(parser.value(after));
        if (!cursor)
            return context.fail(Cli::tr("--after: a cursor as printed after next:"), Usage);
    }

    auto core = context.openCore(parser);
    Actor actor;
    if (!core || !context.signIn(parser, *core, &actor))
        return context.exitCode();
    OrderSearch &search = core->orderSearch();

    if (parser.isSet(countOption)) {
        auto n = search.count(actor, filter);
        if (!n)
            return context.fail(n.error());
        context.out << *n << '\n';
        context.out.flush();
        return Success;
    }
    if (parser.isSet(csv)) {
        QFile file;
        const QString path = parser.value(csv);
        const bool opened = path == QLatin1String("-")
                                ? file.open(stdout, QIODevice::WriteOnly)
                                : (file.setFileName(path), file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        if (!opened)
            return context.fail(Cli::tr("cannot write %1: %2").arg(path, file.errorString()));
        auto written = search.exportCsv(actor, filter, file);
        if (!written)
            return context.fail(written.error());
        if (path != QLatin1String("-"))
            context.err << Cli::tr("%n order(s) written to %1", nullptr, int(qMin<qint64>(*written, INT_MAX))).arg(path)
                        << Qt::endl;
        return Success;
    }

    auto page = search.page(actor, filter, cursor, pageSize);
    if (!page)
        return context.fail(page.error());
    if (parser.isSet(json)) {
        QJsonArray rows;
        for (const OrderSummary &o : std::as_const(page->rows))
            rows.append(toJson(o));
        QJsonObject document{{QStringLiteral("orders"), rows},
                             {QStringLiteral("next"), page->next ? QJsonValue(cursorText(*page->next)) : QJsonValue()}};
        context.out << QJsonDocument(document).toJson(QJsonDocument::Indented);
        context.out.flush();
        return Success;
    }
    for (const OrderSummary &o : std::as_const(page->rows)) {
        context.out << o.orderNo << '\t'
                    << o.createdAt.toTimeZone(Clock::platformTimeZone()).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                    << '\t' << o.merchantNo << '\t' << o.merchantOrderNo << '\t' << ChannelNames::method(o.method)
                    << '\t' << o.amount.toString() << '\t' << PaymentStates::name(o.status) << '\t'
                    << (o.refundedAmount.minor() > 0 ? Cli::tr("refunded %1").arg(o.refundedAmount.toString())
                                                     : QStringLiteral("-"))
                    << '\t' << (o.channelTransactionId.isEmpty() ? QStringLiteral("-") : o.channelTransactionId)
                    << (o.matchedBy.isEmpty() ? QString() : QStringLiteral("\t[") + o.matchedBy + QLatin1Char(']'))
                    << '\n';
    }
    if (page->rows.isEmpty())
        context.err << Cli::tr("no orders match") << Qt::endl;
    if (page->next)
        context.err << Cli::tr("next: %1 (use --after to continue)").arg(cursorText(*page->next)) << Qt::endl;
    context.out.flush();
    return Success;
}

} // namespace paydesk::cli
