#include "core/channel/statement/StatementLine.h"

#include "core/util/NameTable.h"

namespace paydesk {

namespace {
constexpr NameTable::Table<StatementLineStatus, 5> kStatusNames{{
    {StatementLineStatus::Succeeded, "succeeded"},
    {StatementLineStatus::Revoked, "revoked"},
    {StatementLineStatus::Processing, "processing"},
    {StatementLineStatus::Closed, "closed"},
    {StatementLineStatus::Abnormal, "abnormal"},
}};
} // namespace

QString statementLineStatusName(StatementLineStatus status)
{
    return NameTable::name(kStatusNames, status);
}

} // namespace paydesk
