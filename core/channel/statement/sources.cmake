# Statement parsers and writers (WeChat Pay, Alipay, UnionPay).
target_sources(paycore PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/StatementLine.h
)
