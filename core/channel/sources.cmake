# Channel adapters: signing, verification, HTTP client (WeChat Pay v3, Alipay, UnionPay).
target_sources(paycore PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/ChannelAdapter.h
    ${CMAKE_CURRENT_LIST_DIR}/ChannelCredentials.cpp ${CMAKE_CURRENT_LIST_DIR}/ChannelCredentials.h
    ${CMAKE_CURRENT_LIST_DIR}/ChannelErrors.cpp ${CMAKE_CURRENT_LIST_DIR}/ChannelErrors.h
    ${CMAKE_CURRENT_LIST_DIR}/ChannelNames.cpp ${CMAKE_CURRENT_LIST_DIR}/ChannelNames.h
    ${CMAKE_CURRENT_LIST_DIR}/ChannelTime.h
    ${CMAKE_CURRENT_LIST_DIR}/ChannelTypes.h
    ${CMAKE_CURRENT_LIST_DIR}/alipay/AlipayAdapter.cpp ${CMAKE_CURRENT_LIST_DIR}/alipay/AlipayAdapter.h
    ${CMAKE_CURRENT_LIST_DIR}/alipay/AlipayCrypto.cpp ${CMAKE_CURRENT_LIST_DIR}/alipay/AlipayCrypto.h
    ${CMAKE_CURRENT_LIST_DIR}/http/FormEncoding.cpp ${CMAKE_CURRENT_LIST_DIR}/http/FormEncoding.h
    ${CMAKE_CURRENT_LIST_DIR}/http/HttpClient.cpp ${CMAKE_CURRENT_LIST_DIR}/http/HttpClient.h
    ${CMAKE_CURRENT_LIST_DIR}/http/HttpTrust.cpp ${CMAKE_CURRENT_LIST_DIR}/http/HttpTrust.h
    ${CMAKE_CURRENT_LIST_DIR}/unionpay/UnionPayAdapter.cpp ${CMAKE_CURRENT_LIST_DIR}/unionpay/UnionPayAdapter.h
    ${CMAKE_CURRENT_LIST_DIR}/unionpay/UnionPayCrypto.cpp ${CMAKE_CURRENT_LIST_DIR}/unionpay/UnionPayCrypto.h
    ${CMAKE_CURRENT_LIST_DIR}/wechatpay/WeChatPayAdapter.cpp ${CMAKE_CURRENT_LIST_DIR}/wechatpay/WeChatPayAdapter.h
    ${CMAKE_CURRENT_LIST_DIR}/wechatpay/WeChatPayCrypto.cpp ${CMAKE_CURRENT_LIST_DIR}/wechatpay/WeChatPayCrypto.h
)
