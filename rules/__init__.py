"""The built-in rules (YAML data), shipped inside the package as newslint.rules."""
