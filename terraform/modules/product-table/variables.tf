variable "name" {
  description = "Name of the table."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z0-9_.-]{3,255}$", var.name))
    error_message = "name must be 3-255 characters of letters, digits, '_', '-' or '.'."
  }
}

variable "hash_key" {
  description = "Partition key attribute name."
  type        = string
  default     = "id"
}

variable "hash_key_type" {
  description = "Partition key attribute type: S (string), N (number) or B (binary)."
  type        = string
  default     = "S"

  validation {
    condition     = contains(["S", "N", "B"], var.hash_key_type)
    error_message = "hash_key_type must be one of: S, N, B."
  }
}

variable "table_class" {
  description = "Storage class of the table."
  type        = string
  default     = "STANDARD"

  validation {
    condition     = contains(["STANDARD", "STANDARD_INFREQUENT_ACCESS"], var.table_class)
    error_message = "table_class must be one of: STANDARD, STANDARD_INFREQUENT_ACCESS."
  }
}

variable "kms_key_arn" {
  description = "ARN of the customer managed KMS key that encrypts the table (and its stream and backups)."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/.+$", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)."
  }
}

variable "deletion_protection_enabled" {
  description = "Refuse DeleteTable while true. Turn off only for disposable environments."
  type        = bool
  default     = true
}

variable "stream_enabled" {
  description = "Whether to enable a DynamoDB stream (change data capture)."
  type        = bool
  default     = true
}

variable "stream_view_type" {
  description = "What each stream record carries when the stream is enabled."
  type        = string
  default     = "NEW_AND_OLD_IMAGES"

  validation {
    condition     = contains(["NEW_AND_OLD_IMAGES", "NEW_IMAGE", "OLD_IMAGE", "KEYS_ONLY"], var.stream_view_type)
    error_message = "stream_view_type must be one of: NEW_AND_OLD_IMAGES, NEW_IMAGE, OLD_IMAGE, KEYS_ONLY."
  }
}

variable "ttl_attribute_name" {
  description = "Attribute holding an epoch-seconds expiry (e.g. expiresAt for idempotency records), or null for no TTL."
  type        = string
  default     = null
}

variable "tags" {
  description = "Tags for the table (merged with the provider's default_tags)."
  type        = map(string)
  default     = {}
}
