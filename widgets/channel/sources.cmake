# Channel accounts, fee rates and templates, routing rules panels.
target_sources(paywidgets PRIVATE)
