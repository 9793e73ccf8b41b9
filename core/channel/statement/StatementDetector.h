#pragma once

#include "core/channel/statement/StatementText.h"

#include <QByteArrayView>

namespace paydesk {

// Recognises a statement from its first bytes, never from its name: a WeChat bill by its
// header, the Alipay files by their title comment or header (in GBK or UTF-8), a UnionPay ZM
// file by its fixed-width first line, a zip by its signature, and UnionPay's fileContent
// (Base64 of a zlib stream) by Base64 text that decodes to a zlib header.
class StatementDetector
{
public:
    enum class Kind
    {
        Unknown,
        WeChatBill,
        AlipayDetail,
        AlipaySummary,
        UnionPayZm,
        Zip,
        UnionPayFileContent
    };
    struct Detection
    {
        Kind kind = Kind::Unknown;
        StatementEncoding encoding = StatementEncoding::Utf8;
    };

    // `head`: the first bytes of the file (64 KiB is plenty; fewer for short files).
    static Detection detect(QByteArrayView head);
    static constexpr qsizetype kHeadSize = 64 * 1024;
};

} // namespace paydesk
