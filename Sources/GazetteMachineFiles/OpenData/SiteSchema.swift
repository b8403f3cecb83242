import GazetteMarkdown

/// The JSON Schema of `data/site.json`, published beside it as `data/site.schema.json`. The same bytes as
/// `docs/site.schema.json` (a test keeps the two equal): edit that file, then paste it here.
enum SiteSchema {
    static let path = "data/site.schema.json"
    static let text = #"""
{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://gazette.example/schemas/site.schema.json",
  "title": "Gazette site data (data/site.json)",
  "description": "Everything a Gazette site publishes, in one document. Figures are those of the pages: money is given both as whole fen (exact) and as yuan text with two decimals. Dates are YYYY-MM-DD. See docs/open-data.md.",
  "type": "object",
  "required": [
    "format_version",
    "as_of",
    "site",
    "programme",
    "regions",
    "totals",
    "organizations",
    "projects",
    "ledger",
    "notices",
    "findings"
  ],
  "additionalProperties": false,
  "properties": {
    "format_version": {
      "const": 1
    },
    "as_of": {
      "$ref": "#/$defs/date",
      "description": "the date the data is current to"
    },
    "site": {
      "type": "object",
      "properties": {
        "title": {
          "type": "string"
        },
        "base_url": {
          "type": "string",
          "format": "uri"
        },
        "language": {
          "enum": [
            "zh-CN",
            "en"
          ]
        },
        "publisher": {
          "type": "string"
        },
        "sample": {
          "type": "boolean"
        },
        "ocid_prefix": {
          "type": [
            "string",
            "null"
          ],
          "pattern": "^ocds-[A-Za-z0-9]{6}$"
        },
        "license": {
          "description": "The licence of the open data (site.yaml `license`), or null when none is given.",
          "type": ["object", "null"],
          "properties": {"name": {"type": "string"}, "url": {"type": "string", "format": "uri"}},
          "required": ["name", "url"],
          "additionalProperties": false
        },
        "publish_findings": {
          "type": "boolean"
        }
      },
      "required": [
        "base_url",
        "language",
        "ocid_prefix",
        "publish_findings",
        "publisher",
        "sample",
        "title"
      ],
      "additionalProperties": false
    },
    "programme": {
      "type": "object",
      "properties": {
        "name": {
          "type": "string"
        },
        "year": {
          "type": "integer"
        },
        "buyer": {
          "type": "string"
        },
        "partners": {
          "type": "array",
          "items": {
            "type": "string"
          }
        },
        "fee": {
          "enum": [
            "free",
            "low-cost",
            "paid"
          ]
        },
        "regions": {
          "type": "array",
          "items": {
            "$ref": "#/$defs/regionCode"
          }
        },
        "description": {
          "type": [
            "string",
            "null"
          ]
        },
        "target_groups": {
          "type": "array",
          "items": {
            "$ref": "#/$defs/entry"
          }
        },
        "categories": {
          "type": "array",
          "items": {
            "type": "object",
            "properties": {
              "key": {
                "$ref": "#/$defs/key"
              },
              "name": {
                "type": "string"
              },
              "name_en": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "description": {
                "type": [
                  "string",
                  "null"
                ]
              },
              "services": {
                "type": "array",
                "items": {
                  "$ref": "#/$defs/entry"
                }
              },
              "target_groups": {
                "type": "array",
                "items": {
                  "$ref": "#/$defs/key"
                }
              }
            },
            "required": [
              "description",
              "key",
              "name",
              "name_en",
              "services",
              "target_groups"
            ],
            "additionalProperties": false
          }
        },
        "organization_types": {
          "type": "array",
          "items": {
            "$ref": "#/$defs/entry"
          }
        },
        "organization_categories": {
          "type": "array",
          "items": {
            "$ref": "#/$defs/entry"
          }
        },
        "rules": {
          "type": "object",
          "properties": {
            "project_cap": {
              "$ref": "#/$defs/money"
            },
            "rated_project_cap": {
              "$ref": "#/$defs/money"
            },
            "rated_min_grade": {
              "type": "string",
              "pattern": "^[1-5]A$"
            },
            "grade_valid_years": {
              "type": "integer"
            },
            "inspection_years": {
              "type": "array",
              "items": {
                "type": "integer"
              }
            },
            "registration_levels": {
              "type": "array",
              "items": {
                "enum": [
                  "province",
                  "city",
                  "county"
                ]
              }
            },
            "spot_check_min_ratio": {
              "type": "object",
              "properties": {
                "numerator": {
                  "type": "integer"
                },
                "denominator": {
                  "type": "integer",
                  "minimum": 1
                },
                "percent": {
                  "type": "string"
                }
              },
              "required": [
                "denominator",
                "numerator",
                "percent"
              ],
              "additionalProperties": false
            }
          },
          "required": [
            "grade_valid_years",
            "inspection_years",
            "project_cap",
            "rated_min_grade",
            "rated_project_cap",
            "registration_levels",
            "spot_check_min_ratio"
          ],
          "additionalProperties": false
        }
      },
      "required": [
        "buyer",
        "categories",
        "description",
        "fee",
        "name",
        "organization_categories",
        "organization_types",
        "partners",
        "regions",
        "rules",
        "target_groups",
        "year"
      ],
      "additionalProperties": false
    },
    "regions": {
      "allOf": [
        {
          "$ref": "#/$defs/region"
        }
      ],
      "type": "object",
      "required": [
        "cities"
      ],
      "properties": {
        "cities": {
          "type": "array",
          "items": {
            "allOf": [
              {
                "$ref": "#/$defs/region"
              }
            ],
            "type": "object",
            "required": [
              "counties"
            ],
            "properties": {
              "counties": {
                "type": "array",
                "items": {
                  "$ref": "#/$defs/region"
                }
              }
            }
          }
        }
      },
      "description": "the province, with its cities, each with its counties; every level with the totals of its projects"
    },
    "totals": {
      "$ref": "#/$defs/totals"
    },
    "organizations": {
      "type": "array",
      "items": {
        "$ref": "#/$defs/organization"
      }
    },
    "projects": {
      "type": "array",
      "items": {
        "$ref": "#/$defs/project"
      }
    },
    "ledger": {
      "type": "array",
      "description": "every payment and recovery of a published project, oldest first",
      "items": {
        "type": "object",
        "properties": {
          "date": {
            "$ref": "#/$defs/date"
          },
          "project": {
            "$ref": "#/$defs/key"
          },
          "kind": {
            "enum": [
              "advance",
              "installment",
              "final",
              "recovery"
            ]
          },
          "amount": {
            "$ref": "#/$defs/money"
          },
          "reference": {
            "type": "string"
          },
          "note": {
            "type": "string"
          }
        },
        "required": [
          "amount",
          "date",
          "kind",
          "note",
          "project",
          "reference"
        ],
        "additionalProperties": false
      }
    },
    "notices": {
      "type": "array",
      "items": {
        "type": "object",
        "properties": {
          "slug": {
            "$ref": "#/$defs/key"
          },
          "title": {
            "type": "string"
          },
          "date": {
            "$ref": "#/$defs/date"
          },
          "kind": {
            "enum": [
              "announcement",
              "publicity",
              "result",
              "interpretation",
              "report"
            ]
          },
          "regions": {
            "type": "array",
            "items": {
              "$ref": "#/$defs/regionCode"
            }
          },
          "projects": {
            "type": "array",
            "items": {
              "$ref": "#/$defs/key"
            }
          },
          "organizations": {
            "type": "array",
            "items": {
              "$ref": "#/$defs/key"
            }
          },
          "publicity_period": {
            "anyOf": [
              {
                "$ref": "#/$defs/period"
              },
              {
                "type": "null"
              }
            ]
          },
          "draft": {
            "type": "boolean"
          },
          "summary": {
            "type": [
              "string",
              "null"
            ]
          },
          "url": {
            "type": "string",
            "format": "uri"
          }
        },
        "required": [
          "date",
          "draft",
          "kind",
          "organizations",
          "projects",
          "publicity_period",
          "regions",
          "slug",
          "summary",
          "title",
          "url"
        ],
        "additionalProperties": false
      }
    },
    "findings": {
      "type": "array",
      "description": "empty when the site does not publish findings",
      "items": {
        "type": "object",
        "properties": {
          "code": {
            "type": "string",
            "pattern": "^F\\d{3}$"
          },
          "subject": {
            "type": [
              "string",
              "null"
            ]
          },
          "message": {
            "type": "string"
          },
          "file": {
            "type": "string"
          },
          "line": {
            "type": "integer",
            "minimum": 0
          },
          "column": {
            "type": "integer",
            "minimum": 0
          }
        },
        "required": [
          "code",
          "column",
          "file",
          "line",
          "message",
          "subject"
        ],
        "additionalProperties": false
      }
    }
  },
  "$defs": {
    "date": {
      "type": "string",
      "pattern": "^\\d{4}-\\d{2}-\\d{2}$"
    },
    "key": {
      "type": "string",
      "pattern": "^[a-z0-9][a-z0-9-]{0,63}$"
    },
    "regionCode": {
      "type": "string",
      "pattern": "^\\d{6}$"
    },
    "money": {
      "type": "object",
      "properties": {
        "fen": {
          "type": "integer",
          "description": "exact, in fen (1 yuan = 100 fen)"
        },
        "yuan": {
          "type": "string",
          "pattern": "^-?\\d+\\.\\d{2}$",
          "description": "the same amount in yuan, two decimals"
        }
      },
      "required": [
        "fen",
        "yuan"
      ],
      "additionalProperties": false
    },
    "totals": {
      "type": "object",
      "properties": {
        "projects": {
          "type": "integer",
          "minimum": 0
        },
        "organizations": {
          "type": "integer",
          "minimum": 0
        },
        "contracted": {
          "$ref": "#/$defs/money"
        },
        "paid": {
          "$ref": "#/$defs/money"
        },
        "recovered": {
          "$ref": "#/$defs/money"
        },
        "net": {
          "$ref": "#/$defs/money"
        },
        "to_pay": {
          "$ref": "#/$defs/money"
        },
        "to_recover": {
          "$ref": "#/$defs/money"
        },
        "by_status": {
          "type": "object",
          "properties": {
            "contracted": {
              "type": "integer",
              "minimum": 0
            },
            "in-progress": {
              "type": "integer",
              "minimum": 0
            },
            "rectifying": {
              "type": "integer",
              "minimum": 0
            },
            "terminated": {
              "type": "integer",
              "minimum": 0
            },
            "completed": {
              "type": "integer",
              "minimum": 0
            },
            "failed": {
              "type": "integer",
              "minimum": 0
            }
          },
          "required": [
            "completed",
            "contracted",
            "failed",
            "in-progress",
            "rectifying",
            "terminated"
          ],
          "additionalProperties": false
        }
      },
      "required": [
        "by_status",
        "contracted",
        "net",
        "organizations",
        "paid",
        "projects",
        "recovered",
        "to_pay",
        "to_recover"
      ],
      "additionalProperties": false
    },
    "entry": {
      "type": "object",
      "properties": {
        "key": {
          "$ref": "#/$defs/key"
        },
        "name": {
          "type": "string"
        },
        "name_en": {
          "type": [
            "string",
            "null"
          ]
        },
        "description": {
          "type": [
            "string",
            "null"
          ]
        }
      },
      "required": [
        "description",
        "key",
        "name",
        "name_en"
      ],
      "additionalProperties": false
    },
    "region": {
      "type": "object",
      "properties": {
        "code": {
          "$ref": "#/$defs/regionCode"
        },
        "name": {
          "type": "string"
        },
        "name_en": {
          "type": [
            "string",
            "null"
          ]
        },
        "url": {
          "type": "string",
          "format": "uri"
        },
        "totals": {
          "$ref": "#/$defs/totals"
        }
      },
      "required": [
        "code",
        "name",
        "name_en",
        "totals",
        "url"
      ],
      "additionalProperties": true
    },
    "period": {
      "type": "object",
      "properties": {
        "start": {
          "$ref": "#/$defs/date"
        },
        "end": {
          "$ref": "#/$defs/date"
        }
      },
      "required": [
        "end",
        "start"
      ],
      "additionalProperties": false
    },
    "organization": {
      "type": "object",
      "properties": {
        "id": {
          "$ref": "#/$defs/key"
        },
        "name": {
          "type": "string"
        },
        "credit_code": {
          "type": "string"
        },
        "type": {
          "$ref": "#/$defs/key"
        },
        "category": {
          "$ref": "#/$defs/key"
        },
        "registered_with": {
          "enum": [
            "province",
            "city",
            "county"
          ]
        },
        "registration_authority": {
          "type": [
            "string",
            "null"
          ]
        },
        "county": {
          "$ref": "#/$defs/regionCode"
        },
        "founded": {
          "anyOf": [
            {
              "$ref": "#/$defs/date"
            },
            {
              "type": "null"
            }
          ]
        },
        "rating": {
          "anyOf": [
            {
              "type": "object",
              "properties": {
                "grade": {
                  "type": "string",
                  "pattern": "^[1-5]A$"
                },
                "year": {
                  "type": "integer"
                }
              },
              "required": [
                "grade",
                "year"
              ],
              "additionalProperties": false
            },
            {
              "type": "null"
            }
          ]
        },
        "annual_inspections": {
          "type": "object",
          "propertyNames": {
            "pattern": "^\\d{4}$"
          },
          "additionalProperties": {
            "type": "string"
          }
        },
        "financial_system": {
          "type": [
            "boolean",
            "null"
          ]
        },
        "office": {
          "type": [
            "string",
            "null"
          ]
        },
        "staff": {
          "type": [
            "integer",
            "null"
          ],
          "minimum": 0
        },
        "certified_social_workers": {
          "type": [
            "integer",
            "null"
          ],
          "minimum": 0
        },
        "violations": {
          "type": "array",
          "items": {
            "type": "object",
            "properties": {
              "date": {
                "$ref": "#/$defs/date"
              },
              "description": {
                "type": "string"
              }
            },
            "required": [
              "date",
              "description"
            ],
            "additionalProperties": false
          }
        },
        "website": {
          "type": [
            "string",
            "null"
          ]
        },
        "about": {
          "type": [
            "string",
            "null"
          ],
          "description": "Markdown source"
        },
        "url": {
          "type": "string",
          "format": "uri"
        },
        "totals": {
          "$ref": "#/$defs/totals"
        }
      },
      "required": [
        "about",
        "annual_inspections",
        "category",
        "certified_social_workers",
        "county",
        "credit_code",
        "financial_system",
        "founded",
        "id",
        "name",
        "office",
        "rating",
        "registered_with",
        "registration_authority",
        "staff",
        "totals",
        "type",
        "url",
        "violations",
        "website"
      ],
      "additionalProperties": false
    },
    "project": {
      "type": "object",
      "properties": {
        "id": {
          "$ref": "#/$defs/key"
        },
        "title": {
          "type": "string"
        },
        "url": {
          "type": "string",
          "format": "uri"
        },
        "status": {
          "enum": [
            "contracted",
            "in-progress",
            "rectifying",
            "terminated",
            "completed",
            "failed"
          ],
          "description": "derived, never written"
        },
        "organization": {
          "$ref": "#/$defs/key"
        },
        "category": {
          "$ref": "#/$defs/key"
        },
        "services": {
          "type": "array",
          "items": {
            "$ref": "#/$defs/key"
          }
        },
        "target_groups": {
          "type": "array",
          "items": {
            "$ref": "#/$defs/key"
          }
        },
        "county": {
          "$ref": "#/$defs/regionCode"
        },
        "city": {
          "anyOf": [
            {
              "$ref": "#/$defs/regionCode"
            },
            {
              "type": "null"
            }
          ]
        },
        "communities": {
          "type": "array",
          "items": {
            "type": "string"
          }
        },
        "amount": {
          "$ref": "#/$defs/money"
        },
        "cap": {
          "type": "object",
          "properties": {
            "amount": {
              "$ref": "#/$defs/money"
            },
            "rated": {
              "type": "boolean"
            }
          },
          "required": [
            "amount",
            "rated"
          ],
          "additionalProperties": false
        },
        "money": {
          "type": "object",
          "properties": {
            "paid": {
              "$ref": "#/$defs/money"
            },
            "recovered": {
              "$ref": "#/$defs/money"
            },
            "net": {
              "$ref": "#/$defs/money"
            },
            "to_pay": {
              "$ref": "#/$defs/money"
            },
            "to_recover": {
              "$ref": "#/$defs/money"
            }
          },
          "required": [
            "net",
            "paid",
            "recovered",
            "to_pay",
            "to_recover"
          ],
          "additionalProperties": false
        },
        "applied": {
          "anyOf": [
            {
              "$ref": "#/$defs/date"
            },
            {
              "type": "null"
            }
          ]
        },
        "reviewed_by": {
          "type": [
            "string",
            "null"
          ]
        },
        "contract": {
          "anyOf": [
            {
              "type": "object",
              "properties": {
                "date": {
                  "anyOf": [
                    {
                      "$ref": "#/$defs/date"
                    },
                    {
                      "type": "null"
                    }
                  ]
                },
                "number": {
                  "type": [
                    "string",
                    "null"
                  ]
                }
              },
              "required": [
                "date",
                "number"
              ],
              "additionalProperties": false
            },
            {
              "type": "null"
            }
          ]
        },
        "period": {
          "anyOf": [
            {
              "$ref": "#/$defs/period"
            },
            {
              "type": "null"
            }
          ]
        },
        "needs_assessment": {
          "anyOf": [
            {
              "type": "object",
              "properties": {
                "date": {
                  "anyOf": [
                    {
                      "$ref": "#/$defs/date"
                    },
                    {
                      "type": "null"
                    }
                  ]
                },
                "method": {
                  "type": [
                    "string",
                    "null"
                  ]
                },
                "respondents": {
                  "type": [
                    "integer",
                    "null"
                  ],
                  "minimum": 0
                },
                "findings": {
                  "type": [
                    "string",
                    "null"
                  ]
                }
              },
              "required": [
                "date",
                "findings",
                "method",
                "respondents"
              ],
              "additionalProperties": false
            },
            {
              "type": "null"
            }
          ]
        },
        "midterm": {
          "anyOf": [
            {
              "type": "object",
              "properties": {
                "date": {
                  "$ref": "#/$defs/date"
                },
                "by": {
                  "type": "array",
                  "items": {
                    "type": "string"
                  }
                },
                "result": {
                  "enum": [
                    "pass",
                    "rectify",
                    "fail"
                  ]
                },
                "satisfaction": {
                  "type": [
                    "number",
                    "null"
                  ],
                  "minimum": 0,
                  "maximum": 100
                },
                "spot_check": {
                  "anyOf": [
                    {
                      "type": "object",
                      "properties": {
                        "by": {
                          "type": [
                            "string",
                            "null"
                          ]
                        },
                        "date": {
                          "anyOf": [
                            {
                              "$ref": "#/$defs/date"
                            },
                            {
                              "type": "null"
                            }
                          ]
                        },
                        "result": {
                          "enum": [
                            "pass",
                            "rectify",
                            "fail",
                            null
                          ]
                        }
                      },
                      "required": [
                        "by",
                        "date",
                        "result"
                      ],
                      "additionalProperties": false
                    },
                    {
                      "type": "null"
                    }
                  ]
                },
                "rectification": {
                  "anyOf": [
                    {
                      "type": "object",
                      "properties": {
                        "deadline": {
                          "anyOf": [
                            {
                              "$ref": "#/$defs/date"
                            },
                            {
                              "type": "null"
                            }
                          ]
                        },
                        "result": {
                          "enum": [
                            "pass",
                            "rectify",
                            "fail",
                            null
                          ]
                        }
                      },
                      "required": [
                        "deadline",
                        "result"
                      ],
                      "additionalProperties": false
                    },
                    {
                      "type": "null"
                    }
                  ]
                }
              },
              "required": [
                "by",
                "date",
                "rectification",
                "result",
                "satisfaction",
                "spot_check"
              ],
              "additionalProperties": false
            },
            {
              "type": "null"
            }
          ]
        },
        "final": {
          "anyOf": [
            {
              "type": "object",
              "properties": {
                "date": {
                  "$ref": "#/$defs/date"
                },
                "by": {
                  "type": [
                    "string",
                    "null"
                  ]
                },
                "result": {
                  "enum": [
                    "pass",
                    "rectify",
                    "fail"
                  ]
                },
                "satisfaction": {
                  "type": [
                    "number",
                    "null"
                  ],
                  "minimum": 0,
                  "maximum": 100
                },
                "score": {
                  "type": [
                    "number",
                    "null"
                  ],
                  "minimum": 0,
                  "maximum": 100
                }
              },
              "required": [
                "by",
                "date",
                "result",
                "satisfaction",
                "score"
              ],
              "additionalProperties": false
            },
            {
              "type": "null"
            }
          ]
        },
        "outcomes": {
          "anyOf": [
            {
              "type": "object",
              "properties": {
                "beneficiaries": {
                  "type": [
                    "integer",
                    "null"
                  ],
                  "minimum": 0
                },
                "sessions": {
                  "type": [
                    "integer",
                    "null"
                  ],
                  "minimum": 0
                },
                "hours": {
                  "type": [
                    "integer",
                    "null"
                  ],
                  "minimum": 0
                },
                "highlights": {
                  "type": [
                    "string",
                    "null"
                  ]
                }
              },
              "required": [
                "beneficiaries",
                "highlights",
                "hours",
                "sessions"
              ],
              "additionalProperties": false
            },
            {
              "type": "null"
            }
          ]
        },
        "documents": {
          "type": "array",
          "items": {
            "type": "object",
            "properties": {
              "title": {
                "type": "string"
              },
              "url": {
                "type": "string",
                "format": "uri"
              }
            },
            "required": [
              "title",
              "url"
            ],
            "additionalProperties": false
          }
        },
        "summary": {
          "type": [
            "string",
            "null"
          ],
          "description": "Markdown source"
        }
      },
      "required": [
        "amount",
        "applied",
        "cap",
        "category",
        "city",
        "communities",
        "contract",
        "county",
        "documents",
        "final",
        "id",
        "midterm",
        "money",
        "needs_assessment",
        "organization",
        "outcomes",
        "period",
        "reviewed_by",
        "services",
        "status",
        "summary",
        "target_groups",
        "title",
        "url"
      ],
      "additionalProperties": false
    }
  }
}
"""#
}
