# Channel adapters: signing, verification, HTTP client (WeChat Pay v3, Alipay, UnionPay).
target_sources(paycore PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/alipay/AlipayCrypto.cpp ${CMAKE_CURRENT_LIST_DIR}/alipay/AlipayCrypto.h
    ${CMAKE_CURRENT_LIST_DIR}/unionpay/UnionPayCrypto.cpp ${CMAKE_CURRENT_LIST_DIR}/unionpay/UnionPayCrypto.h
    ${CMAKE_CURRENT_LIST_DIR}/wechatpay/WeChatPayCrypto.cpp ${CMAKE_CURRENT_LIST_DIR}/wechatpay/WeChatPayCrypto.h
)
