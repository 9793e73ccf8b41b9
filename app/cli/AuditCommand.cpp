#include "app/cli/CliCommand.h"

#include "core/PaydeskCore.h"
#include "core/util/Error.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace paydesk::cli {

namespace {
int verify(CliContext &context)
{
    QCommandLineParser parser;
    if (!context.parse(parser, Cli::tr("Verify the audit log's hash chain. Exit status 0 when every record is intact; "
                                       "1 naming the first record that was changed, removed, inserted or reordered.")))
        return context.exitCode();
    auto core = context.openCore(parser);
    if (!core)
        return context.exitCode();
    auto result = core->audit().verify();
    if (!result)
        return context.fail(result.error());
    if (result->intact()) {
        context.out << Cli::tr("audit log intact: %1 records").arg(result->records) << Qt::endl;
        return Success;
    }
    context.out.flush();
    context.err << Cli::tr("audit log broken at record %1: %2").arg(result->brokenSeq).arg(result->reason())
                << Qt::endl;
    return Failure;
}

int list(CliContext &context)
{
    QCommandLineParser parser;
    parser.addOption({QStringLiteral("actor"), Cli::tr("Only records of this operator."), QStringLiteral("name")});
    parser.addOption(
        {QStringLiteral("action"), Cli::tr("Only this action or family (e.g. login)."), QStringLiteral("action")});
    parser.addOption({QStringLiteral("limit"), Cli::tr("At most this many, newest first (default 50)."),
                      QStringLiteral("n"), QStringLiteral("50")});
    parser.addOption({QStringLiteral("json"), Cli::tr("Print JSON lines.")});
    CliContext::addOperatorOption(parser);
    if (!context.parse(parser, Cli::tr("List audit records, newest first.")))
        return context.exitCode();
    auto core = context.openCore(parser);
    Actor actor;
    if (!core || !context.signIn(parser, *core, &actor))
        return context.exitCode();
    AuditFilter filter;
    filter.actor = parser.value(QStringLiteral("actor"));
    filter.action = parser.value(QStringLiteral("action"));
    auto records = core->audit().records(actor, filter, 0, parser.value(QStringLiteral("limit")).toInt());
    if (!records)
        return context.fail(records.error());
    for (const AuditRecord &record : std::as_const(*records)) {
        if (parser.isSet(QStringLiteral("json"))) {
            const QJsonObject object{{QStringLiteral("seq"), QString::number(record.seq)},
                                     {QStringLiteral("at"), record.at.toString(Qt::ISODateWithMs)},
                                     {QStringLiteral("actor"), record.actor},
                                     {QStringLiteral("source"), record.source},
                                     {QStringLiteral("action"), record.action},
                                     {QStringLiteral("object"), record.object},
                                     {QStringLiteral("result"), AuditNames::result(record.result)},
                                     {QStringLiteral("detail"), record.detail}};
            context.out << QJsonDocument(object).toJson(QJsonDocument::Compact) << '\n';
        } else {
            context.out << QStringLiteral("%1  %2  %3  %4  %5  %6  %7\n")
                               .arg(record.seq, 6)
                               .arg(record.at.toString(Qt::ISODate), record.actor, record.action, record.object,
                                    AuditNames::result(record.result), record.detail);
        }
    }
    context.out.flush();
    return Success;
}
} // namespace

int runAudit(CliContext &context)
{
    return dispatch(context,
                    Cli::tr("Usage: paydesk-cli audit SUBCOMMAND [options]\n\nSubcommands:\n"
                            "  verify    Verify the hash chain (exit 1 naming the first broken record).\n"
                            "  list      List records newest first (needs an operator with audit.view).\n"),
                    {{QStringLiteral("verify"), verify}, {QStringLiteral("list"), list}});
}

} // namespace paydesk::cli
