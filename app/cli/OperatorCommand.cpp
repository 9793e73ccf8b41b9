#include "app/cli/CliCommand.h"
#include "app/cli/SignedCore.h"

#include "core/PaydeskCore.h"
#include "core/util/Error.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <unistd.h>

namespace paydesk::cli {

// paydesk-cli operator …: the Operators panel for a headless deployment. Every step goes
// through OperatorService, which checks operator.view / operator.manage and audits, exactly
// as for the console.
namespace {
QString timeText(const QDateTime &instant)
{
    return instant.isValid() ? instant.toString(Qt::ISODate) : QString();
}

// "active", "disabled" or "locked": the state a sign-in would meet now.
QString stateName(const Operator &op, const QDateTime &now)
{
    if (!op.active)
        return QStringLiteral("disabled");
    return op.isLocked(now) ? QStringLiteral("locked") : QStringLiteral("active");
}

// In the order of Permissions::allRoles.
QStringList roleNames(const QSet<Role> &roles)
{
    QStringList names;
    for (Role role : Permissions::allRoles()) {
        if (roles.contains(role))
            names << Permissions::roleName(role);
    }
    return names;
}

QString allRoleNames()
{
    const QList<Role> all = Permissions::allRoles();
    return roleNames(QSet<Role>(all.cbegin(), all.cend())).join(QStringLiteral(", "));
}

QJsonObject operatorJson(const Operator &op, const QDateTime &now)
{
    return QJsonObject{{QStringLiteral("id"), op.id},
                       {QStringLiteral("username"), op.username},
                       {QStringLiteral("display_name"), op.displayName},
                       {QStringLiteral("roles"), QJsonArray::fromStringList(roleNames(op.roles))},
                       {QStringLiteral("state"), stateName(op, now)},
                       {QStringLiteral("locked_until"), op.isLocked(now) ? timeText(op.lockedUntil) : QString()},
                       {QStringLiteral("failed_logins"), op.failedLogins},
                       {QStringLiteral("must_change_password"), op.mustChangePassword},
                       {QStringLiteral("last_login_at"), timeText(op.lastLoginAt)},
                       {QStringLiteral("password_changed_at"), timeText(op.passwordChangedAt)},
                       {QStringLiteral("created_at"), timeText(op.createdAt)},
                       {QStringLiteral("created_by"), op.createdBy}};
}

// Opens the core, signs the operator in and finds the operator the first argument names; no core
// (after printing why) when any of it fails.
struct SignedFor : SignedCore
{
    Operator named;
};

SignedFor openFor(CliContext &context, const QCommandLineParser &parser)
{
    SignedFor s;
    static_cast<SignedCore &>(s) = openSigned(context, parser);
    if (!s.core)
        return s;
    auto op = s.core->operators().findByName(s.actor, parser.positionalArguments().first());
    if (!op) {
        context.fail(op.error());
        s.core.reset();
        return s;
    }
    s.named = *op;
    return s;
}

// "admin,finance" → roles; false (after printing the unknown name) for a name that is no role.
bool parseRoles(CliContext &context, const QString &text, QSet<Role> *roles)
{
    for (const QString &name : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        Role role;
        if (!Permissions::roleFromName(name.trimmed(), &role)) {
            context.fail(Cli::tr("unknown role '%1' (roles: %2)").arg(name.trimmed(), allRoleNames()), Usage);
            return false;
        }
        roles->insert(role);
    }
    if (roles->isEmpty()) {
        context.fail(Cli::tr("give at least one role"), Usage);
        return false;
    }
    return true;
}

// A new password: $PAYDESK_NEW_PASSWORD, else the next line of standard input (on a terminal
// asked twice, without echo). Never an argument: those are visible to every user in ps.
bool readNewPassword(CliContext &context, const QString &username, QString *password)
{
    *password = qEnvironmentVariable("PAYDESK_NEW_PASSWORD");
    if (!password->isEmpty())
        return true;
    *password = context.readSecretLine(Cli::tr("New password for %1: ").arg(username));
    if (isatty(STDIN_FILENO) == 1 && context.readSecretLine(Cli::tr("Again: ")) != *password) {
        context.fail(Cli::tr("the two passwords differ"));
        return false;
    }
    if (password->isEmpty()) {
        context.fail(Cli::tr("no new password: set $PAYDESK_NEW_PASSWORD or give it on standard input"), Usage);
        return false;
    }
    return true;
}

QString newPasswordHelp()
{
    return Cli::tr(
        "The new password comes from $PAYDESK_NEW_PASSWORD, else from the next line of standard input (after "
        "the signed-in operator's own password when that comes from standard input too); on a terminal it "
        "is asked twice and not echoed.");
}

// Parses a command that takes one operator name; prints why not and returns false.
bool parseOne(CliContext &context, QCommandLineParser &parser, const QString &description)
{
    CliContext::addOperatorOption(parser);
    parser.addPositionalArgument(QStringLiteral("name"), Cli::tr("The operator's user name."));
    if (!context.parse(parser, description))
        return false;
    if (parser.positionalArguments().size() != 1) {
        context.fail(Cli::tr("give exactly one operator"), Usage);
        return false;
    }
    return true;
}

int list(CliContext &context)
{
    QCommandLineParser parser;
    CliContext::addOperatorOption(parser);
    const QCommandLineOption json(QStringLiteral("json"), Cli::tr("Print JSON."));
    parser.addOption(json);
    if (!context.parse(parser, Cli::tr("List the operators by user name: state (active, disabled, locked), roles and "
                                       "name. Needs operator.view.")))
        return context.exitCode();
    SignedCore s = openSigned(context, parser);
    if (!s.core)
        return context.exitCode();
    auto operators = s.core->operators().list(s.actor);
    if (!operators)
        return context.fail(operators.error());
    const QDateTime now = s.core->clock().nowUtc();
    if (parser.isSet(json)) {
        QJsonArray array;
        for (const Operator &op : std::as_const(*operators))
            array.append(operatorJson(op, now));
        context.out << QJsonDocument(array).toJson(QJsonDocument::Indented);
    } else {
        for (const Operator &op : std::as_const(*operators)) {
            context.out << QStringLiteral("%1\t%2\t%3\t%4\n")
                               .arg(op.username, stateName(op, now), roleNames(op.roles).join(QLatin1Char(',')),
                                    op.displayName);
        }
    }
    context.out.flush();
    return Success;
}

int show(CliContext &context)
{
    QCommandLineParser parser;
    const QCommandLineOption json(QStringLiteral("json"), Cli::tr("Print JSON."));
    parser.addOption(json);
    if (!parseOne(context, parser,
                  Cli::tr("Show one operator: roles, state, failed sign-ins, whether a password change is "
                          "due, last sign-in. Needs operator.view.")))
        return context.exitCode();
    SignedFor s = openFor(context, parser);
    if (!s.core)
        return context.exitCode();
    const Operator *op = &s.named;
    const QJsonObject object = operatorJson(*op, s.core->clock().nowUtc());
    if (parser.isSet(json)) {
        context.out << QJsonDocument(object).toJson(QJsonDocument::Indented);
    } else {
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            const QString value = it->isArray()  ? roleNames(op->roles).join(QLatin1Char(','))
                                  : it->isBool() ? (it->toBool() ? QStringLiteral("yes") : QStringLiteral("no"))
                                                 : it->toVariant().toString();
            context.out << it.key() << '\t' << value << '\n';
        }
    }
    context.out.flush();
    return Success;
}

int create(CliContext &context)
{
    QCommandLineParser parser;
    const QCommandLineOption roles(
        QStringLiteral("roles"),
        Cli::tr("Comma-separated roles: admin, onboarding, support, finance, approver, auditor."), Cli::tr("list"));
    const QCommandLineOption displayName(QStringLiteral("display-name"),
                                         Cli::tr("The person's name as people read it."), Cli::tr("text"));
    const QCommandLineOption noChange(QStringLiteral("no-forced-change"),
                                      Cli::tr("Do not make the operator choose a new password at the first sign-in."));
    parser.addOptions({roles, displayName, noChange});
    if (!parseOne(context, parser,
                  Cli::tr("Create an operator. The initial password needs at least 12 characters; the "
                          "operator must change it at the first sign-in unless --no-forced-change. %1 "
                          "Needs operator.manage.")
                      .arg(newPasswordHelp())))
        return context.exitCode();
    QSet<Role> chosen;
    if (!parseRoles(context, parser.value(roles), &chosen))
        return context.exitCode();
    const QString username = parser.positionalArguments().first();
    SignedCore s = openSigned(context, parser);
    if (!s.core)
        return context.exitCode();
    QString password;
    if (!readNewPassword(context, username, &password))
        return context.exitCode();
    auto created = s.core->operators().create(s.actor, username, parser.value(displayName).trimmed(), chosen, password,
                                              !parser.isSet(noChange));
    if (!created)
        return context.fail(created.error());
    context.out
        << Cli::tr("created operator %1 (%2)").arg(created->username, roleNames(created->roles).join(QLatin1Char(',')))
        << Qt::endl;
    return Success;
}

int setRoles(CliContext &context)
{
    QCommandLineParser parser;
    CliContext::addOperatorOption(parser);
    parser.addPositionalArgument(QStringLiteral("name"), Cli::tr("The operator's user name."));
    parser.addPositionalArgument(QStringLiteral("roles"),
                                 Cli::tr("The new roles, comma separated (they replace the old ones)."));
    if (!context.parse(parser,
                       Cli::tr("Replace an operator's roles: paydesk-cli operator roles NAME admin,finance. The last "
                               "active administrator keeps the admin role, and nobody takes it from themselves. "
                               "Needs operator.manage.")))
        return context.exitCode();
    if (parser.positionalArguments().size() != 2)
        return context.fail(Cli::tr("give an operator and the roles"), Usage);
    QSet<Role> chosen;
    if (!parseRoles(context, parser.positionalArguments().at(1), &chosen))
        return context.exitCode();
    SignedFor s = openFor(context, parser);
    if (!s.core)
        return context.exitCode();
    const Operator *op = &s.named;
    auto changed = s.core->operators().setRoles(s.actor, op->id, chosen);
    if (!changed)
        return context.fail(changed.error());
    context.out << Cli::tr("%1: roles %2 → %3")
                       .arg(op->username, roleNames(op->roles).join(QLatin1Char(',')),
                            roleNames(chosen).join(QLatin1Char(',')))
                << Qt::endl;
    return Success;
}

int setActive(CliContext &context, bool active)
{
    QCommandLineParser parser;
    if (!parseOne(
            context, parser,
            active ? Cli::tr(
                         "Allow a disabled operator to sign in again (a lockout is lifted too). Needs operator.manage.")
                   : Cli::tr("Stop an operator from signing in; sessions already open lose their permissions at "
                             "their next action. Nobody disables themselves or the last active administrator. "
                             "Needs operator.manage.")))
        return context.exitCode();
    SignedFor s = openFor(context, parser);
    if (!s.core)
        return context.exitCode();
    const Operator *op = &s.named;
    auto changed = s.core->operators().setActive(s.actor, op->id, active);
    if (!changed)
        return context.fail(changed.error());
    context.out << (active ? Cli::tr("%1 enabled").arg(op->username) : Cli::tr("%1 disabled").arg(op->username))
                << Qt::endl;
    return Success;
}

int resetPassword(CliContext &context)
{
    QCommandLineParser parser;
    if (!parseOne(context, parser,
                  Cli::tr("Set a temporary password that the operator must change at the next sign-in; "
                          "a lockout is lifted. %1 Needs operator.manage.")
                      .arg(newPasswordHelp())))
        return context.exitCode();
    SignedFor s = openFor(context, parser);
    if (!s.core)
        return context.exitCode();
    const Operator *op = &s.named;
    QString password;
    if (!readNewPassword(context, op->username, &password))
        return context.exitCode();
    auto reset = s.core->operators().resetPassword(s.actor, op->id, password);
    if (!reset)
        return context.fail(reset.error());
    context.out << Cli::tr("temporary password set for %1; it must be changed at the next sign-in").arg(op->username)
                << Qt::endl;
    return Success;
}

int unlock(CliContext &context)
{
    QCommandLineParser parser;
    if (!parseOne(context, parser,
                  Cli::tr("Lift the lockout of an operator after too many failed sign-ins; the password "
                          "stays as it is. Needs operator.manage.")))
        return context.exitCode();
    SignedFor s = openFor(context, parser);
    if (!s.core)
        return context.exitCode();
    const Operator *op = &s.named;
    auto unlocked = s.core->operators().unlock(s.actor, op->id);
    if (!unlocked)
        return context.fail(unlocked.error());
    context.out << Cli::tr("%1 unlocked").arg(op->username) << Qt::endl;
    return Success;
}
} // namespace

int runOperator(CliContext &context)
{
    return dispatch(
        context,
        Cli::tr("Usage: paydesk-cli operator SUBCOMMAND [options]\n\nSubcommands:\n"
                "  list [--json]                      Operators: state, roles, name.\n"
                "  show NAME [--json]                 One operator.\n"
                "  create NAME --roles R[,R…] [--display-name T] [--no-forced-change]\n"
                "                                     A new operator (password from $PAYDESK_NEW_PASSWORD or stdin).\n"
                "  roles NAME R[,R…]                  Replace an operator's roles.\n"
                "  disable NAME | enable NAME         Stop or allow signing in.\n"
                "  reset-password NAME                A temporary password, to be changed at the next sign-in.\n"
                "  unlock NAME                        Lift a lockout after failed sign-ins.\n"
                "\nRoles: admin, onboarding, support, finance, approver, auditor. list and show need\n"
                "operator.view, the others operator.manage; every change is audited.\n"),
        {{QStringLiteral("list"), list},
         {QStringLiteral("show"), show},
         {QStringLiteral("create"), create},
         {QStringLiteral("roles"), setRoles},
         {QStringLiteral("disable"), [](CliContext &c) { return setActive(c, false); }},
         {QStringLiteral("enable"), [](CliContext &c) { return setActive(c, true); }},
         {QStringLiteral("reset-password"), resetPassword},
         {QStringLiteral("unlock"), unlock}});
}

} // namespace paydesk::cli
