#include "core/gateway/StrictJson.h"

#include "core/util/Error.h"

#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <vector>

namespace paydesk {

namespace {

// Keeps the keys of every open object; a repeated one stops the parse.
class DuplicateKeyCheck final : public nlohmann::json_sax<nlohmann::json>
{
public:
    QString problem;

    bool null() override { return true; }
    bool boolean(bool) override { return true; }
    bool number_integer(number_integer_t) override { return true; }
    bool number_unsigned(number_unsigned_t) override { return true; }
    bool number_float(number_float_t, const string_t &) override { return true; }
    bool string(string_t &) override { return true; }
    bool binary(binary_t &) override { return true; }
    bool start_object(std::size_t) override
    {
        m_keys.emplace_back();
        return true;
    }
    bool key(string_t &name) override
    {
        if (!m_keys.back().insert(name).second) {
            problem =
                QStringLiteral("the key \"%1\" appears twice in one object").arg(QString::fromStdString(name).left(64));
            return false;
        }
        return true;
    }
    bool end_object() override
    {
        m_keys.pop_back();
        return true;
    }
    bool start_array(std::size_t) override { return true; }
    bool end_array() override { return true; }
    bool parse_error(std::size_t position, const std::string &, const nlohmann::detail::exception &error) override
    {
        problem = QStringLiteral("%1 (at byte %2)").arg(QString::fromStdString(error.what()).left(200)).arg(position);
        return false;
    }

private:
    std::vector<std::set<std::string>> m_keys;
};

} // namespace

Status StrictJson::check(const QByteArray &json)
{
    DuplicateKeyCheck check;
    const bool ok = nlohmann::json::sax_parse(json.cbegin(), json.cend(), &check, nlohmann::json::input_format_t::json,
                                              /*strict=*/true);
    if (!ok)
        return Error(ErrorCode::JsonMalformed, check.problem.isEmpty() ? QStringLiteral("not JSON") : check.problem);
    return {};
}

} // namespace paydesk
