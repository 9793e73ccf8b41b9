# Channel adapters: signing, verification, HTTP client (WeChat Pay v3, Alipay, UnionPay).
target_sources(paycore PRIVATE
)
