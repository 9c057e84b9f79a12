# These resources were declared in this root before modules/catalog-service held them. The moved
# blocks carry existing state over, so the first plan after the change moves them instead of
# replacing tables, key and bus. Keep them until every environment has been applied since.

moved {
  from = terraform_data.persistence_guard
  to   = module.catalog.terraform_data.persistence_guard
}

moved {
  from = module.kms
  to   = module.catalog.module.kms
}

moved {
  from = module.products_table
  to   = module.catalog.module.products_table
}

moved {
  from = module.idempotency_table
  to   = module.catalog.module.idempotency_table
}

moved {
  from = module.event_bus
  to   = module.catalog.module.event_bus
}

moved {
  from = module.api_functions
  to   = module.catalog.module.api_functions
}

moved {
  from = module.stream_function
  to   = module.catalog.module.stream_function
}

moved {
  from = module.stream_processor
  to   = module.catalog.module.stream_processor
}

moved {
  from = module.rest_api
  to   = module.catalog.module.rest_api
}

moved {
  from = module.monitoring
  to   = module.catalog.module.monitoring
}
