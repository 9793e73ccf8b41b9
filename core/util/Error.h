#pragma once

#include "core/util/ErrorCode.h"

#include <QCoreApplication>
#include <QString>

namespace paydesk {

// A failure reported by the core: a code for programs, a detail naming the offending value,
// and a context chain ("entry 3: posting 2: …") that tells the operator where it happened.
class Error
{
    Q_DECLARE_TR_FUNCTIONS(Error)

public:
    Error() = default;
    Error(ErrorCode code, QString detail = {});

    ErrorCode code() const { return m_code; }
    const QString &detail() const { return m_detail; }

    // Prepends where the error happened; returns *this for chaining at return sites.
    Error &within(const QString &context);
    const QString &context() const { return m_context; }

    // Translated, human-readable description: context, the code's text, then the detail.
    QString message() const;
    // The code's text alone, translated.
    static QString describe(ErrorCode code);

private:
    ErrorCode m_code = ErrorCode::None;
    QString m_detail;
    QString m_context;
};

} // namespace paydesk
