# core/routing: see the headers for what each class is for.
target_sources(paycore PRIVATE)
