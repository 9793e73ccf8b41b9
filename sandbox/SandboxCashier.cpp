#include "sandbox/SandboxCashier.h"

#include "core/channel/http/FormEncoding.h"
#include "core/util/Error.h"

namespace paydesk::sandbox::SandboxCashier {

Status openForm(const QJsonObject &prepay, const HttpClient &http)
{
    if (!prepay.contains(QStringLiteral("form_action")))
        return {};
    QMap<QString, QString> fields;
    const QJsonObject formFields = prepay.value(QStringLiteral("form_fields")).toObject();
    for (auto it = formFields.begin(); it != formFields.end(); ++it)
        fields.insert(it.key(), it.value().toString());
    HttpRequest browser;
    browser.method = "POST";
    browser.url = QUrl(prepay.value(QStringLiteral("form_action")).toString());
    browser.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};
    browser.body = FormEncoding::encode(fields);
    auto page = http.send(browser);
    if (!page)
        return page.error();
    if (page->status != 200)
        return Error(ErrorCode::ChannelRejected, QStringLiteral("the cashier answered HTTP %1").arg(page->status));
    return {};
}

} // namespace paydesk::sandbox::SandboxCashier
