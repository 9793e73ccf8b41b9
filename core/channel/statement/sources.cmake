# Statement parsers (WeChat Pay, Alipay, UnionPay); the writers live with the sandbox.
# libzip reads the channels' zip archives; zlib (found at the top level) inflates UnionPay's
# fileContent payload.
# Debian's libzip CMake package (libzip-dev) also imports the zipcmp/zipmerge/ziptool programs
# and stops the configuration when libzip-tools is not installed, so libzip::zip is defined
# here from the library and its header instead of find_package(libzip).
if(NOT TARGET libzip::zip)
    find_path(PAYDESK_LIBZIP_INCLUDE_DIR zip.h REQUIRED)
    find_library(PAYDESK_LIBZIP_LIBRARY zip REQUIRED)
    add_library(libzip::zip UNKNOWN IMPORTED GLOBAL)
    set_target_properties(libzip::zip PROPERTIES
        IMPORTED_LOCATION "${PAYDESK_LIBZIP_LIBRARY}"
        INTERFACE_INCLUDE_DIRECTORIES "${PAYDESK_LIBZIP_INCLUDE_DIR}")
endif()

target_sources(paycore PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/StatementLine.cpp ${CMAKE_CURRENT_LIST_DIR}/StatementLine.h
    ${CMAKE_CURRENT_LIST_DIR}/StatementLimits.h
    ${CMAKE_CURRENT_LIST_DIR}/StatementSummary.cpp ${CMAKE_CURRENT_LIST_DIR}/StatementSummary.h
    ${CMAKE_CURRENT_LIST_DIR}/StatementReadContext.cpp ${CMAKE_CURRENT_LIST_DIR}/StatementReadContext.h
    ${CMAKE_CURRENT_LIST_DIR}/StatementParser.cpp ${CMAKE_CURRENT_LIST_DIR}/StatementParser.h
    ${CMAKE_CURRENT_LIST_DIR}/StatementDetector.cpp ${CMAKE_CURRENT_LIST_DIR}/StatementDetector.h
    ${CMAKE_CURRENT_LIST_DIR}/StatementBytes.cpp ${CMAKE_CURRENT_LIST_DIR}/StatementBytes.h
    ${CMAKE_CURRENT_LIST_DIR}/StatementText.cpp ${CMAKE_CURRENT_LIST_DIR}/StatementText.h
    ${CMAKE_CURRENT_LIST_DIR}/LineReader.cpp ${CMAKE_CURRENT_LIST_DIR}/LineReader.h
    ${CMAKE_CURRENT_LIST_DIR}/ShanghaiTime.cpp ${CMAKE_CURRENT_LIST_DIR}/ShanghaiTime.h
    ${CMAKE_CURRENT_LIST_DIR}/WeChatBillLayout.cpp ${CMAKE_CURRENT_LIST_DIR}/WeChatBillLayout.h
    ${CMAKE_CURRENT_LIST_DIR}/WeChatBillReader.cpp ${CMAKE_CURRENT_LIST_DIR}/WeChatBillReader.h
    ${CMAKE_CURRENT_LIST_DIR}/AlipayBillLayout.cpp ${CMAKE_CURRENT_LIST_DIR}/AlipayBillLayout.h
    ${CMAKE_CURRENT_LIST_DIR}/AlipayFigures.cpp ${CMAKE_CURRENT_LIST_DIR}/AlipayFigures.h
    ${CMAKE_CURRENT_LIST_DIR}/AlipayDetailReader.cpp ${CMAKE_CURRENT_LIST_DIR}/AlipayDetailReader.h
    ${CMAKE_CURRENT_LIST_DIR}/AlipaySummaryReader.cpp ${CMAKE_CURRENT_LIST_DIR}/AlipaySummaryReader.h
    ${CMAKE_CURRENT_LIST_DIR}/UnionPayZmLayout.cpp ${CMAKE_CURRENT_LIST_DIR}/UnionPayZmLayout.h
    ${CMAKE_CURRENT_LIST_DIR}/UnionPayZmReader.cpp ${CMAKE_CURRENT_LIST_DIR}/UnionPayZmReader.h
    ${CMAKE_CURRENT_LIST_DIR}/UnionPayFileContent.cpp ${CMAKE_CURRENT_LIST_DIR}/UnionPayFileContent.h
    ${CMAKE_CURRENT_LIST_DIR}/ZipArchiveReader.cpp ${CMAKE_CURRENT_LIST_DIR}/ZipArchiveReader.h
)
target_link_libraries(paycore PRIVATE libzip::zip ZLIB::ZLIB)
