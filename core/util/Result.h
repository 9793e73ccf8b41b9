#pragma once

#include "core/util/Error.h"

#include <optional>
#include <utility>

namespace paydesk {

// Taking the value of a failed Result is a programming error: it stops the process naming the
// error (qFatal) rather than reading an empty optional.
[[noreturn]] void resultValueTakenUnchecked(const Error &error);

// Either a value or an Error. Core functions return this instead of throwing, and callers
// must look at it ([[nodiscard]]): no exception ever crosses the Qt event loop.
template <typename T> class [[nodiscard]] Result
{
public:
    Result(T value) : m_value(std::move(value)) {}
    Result(Error error) : m_error(std::move(error)) {}

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }

    const T &value() const & { return checked(); }
    T &value() & { return checked(); }
    T &&value() && { return std::move(checked()); }
    T value_or(T fallback) const { return m_value ? *m_value : std::move(fallback); }
    const T &operator*() const & { return checked(); }
    T &operator*() & { return checked(); }
    const T *operator->() const { return &checked(); }
    T *operator->() { return &checked(); }

    const Error &error() const { return m_error; }
    Error &error() { return m_error; }

private:
    const T &checked() const
    {
        if (!m_value)
            resultValueTakenUnchecked(m_error);
        return *m_value;
    }
    T &checked()
    {
        if (!m_value)
            resultValueTakenUnchecked(m_error);
        return *m_value;
    }

    std::optional<T> m_value;
    Error m_error;
};

template <> class [[nodiscard]] Result<void>
{
public:
    Result() = default;
    Result(Error error) : m_error(std::move(error)), m_failed(true) {}

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return m_error; }
    Error &error() { return m_error; }

private:
    Error m_error;
    bool m_failed = false;
};

using Status = Result<void>;

} // namespace paydesk
