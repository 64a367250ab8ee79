// Public surface of @eda-oci/catalog: the site's bundle catalog (one YAML file per bundle), its schema and the plan.
export {};
