"""The API's views: records, outcomes, answers and the OpenAPI document."""
