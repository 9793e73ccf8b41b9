# Merchants, review queue, documents and applications panels.
target_sources(paywidgets PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/DocumentPreview.cpp ${CMAKE_CURRENT_LIST_DIR}/DocumentPreview.h
)
