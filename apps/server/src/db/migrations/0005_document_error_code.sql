ALTER TABLE "documents" ADD COLUMN "error_code" text;--> statement-breakpoint
-- Codes for the reasons written before the column existed (the sentences the pipeline writes).
UPDATE "documents" SET "error_code" = CASE
  WHEN "error" ~ '^The PDF is password-protected$' THEN 'pdf_password'
  WHEN "error" ~ '^The PDF is damaged or incomplete$' THEN 'pdf_damaged'
  WHEN "error" ~ '^The PDF has no text layer' THEN 'pdf_no_text'
  WHEN "error" ~ '^The Word document is damaged or is not a \.docx file$' THEN 'docx_damaged'
  WHEN "error" ~ '^This ZIP file is not a Word document$' THEN 'zip_not_docx'
  WHEN "error" ~ '^This is an old-format Office file' THEN 'old_office_format'
  WHEN "error" ~ '^The file is an image' THEN 'image_file'
  WHEN "error" ~ '^RTF files are not supported' THEN 'rtf_unsupported'
  WHEN "error" ~ '^The file is not a supported document type' THEN 'unsupported_type'
  WHEN "error" ~ '^The file is empty$' THEN 'empty_file'
  WHEN "error" ~ '^No text could be extracted from the file$' THEN 'no_text'
  WHEN "error" ~ '^The CSV file has no rows$' THEN 'csv_empty'
  WHEN "error" ~ '^The CSV file is malformed' THEN 'csv_malformed'
  WHEN "error" ~ 'it looks like a zip bomb$' THEN 'zip_bomb'
  WHEN "error" ~ '^The file is larger than the .* upload limit$' THEN 'too_large'
  WHEN "error" ~ '^(The uploaded file is missing from storage|The document has no stored content)' THEN 'content_missing'
  WHEN "error" ~ '^Nothing could be read from ' THEN 'crawl_nothing_read'
  WHEN "error" ~ '^(Only http and https addresses can be fetched|Addresses with a user name or password|The address .* has no host)' THEN 'crawl_invalid_url'
  WHEN "error" ~ '^Fetching (private, loopback or link-local addresses|cloud metadata endpoints)' THEN 'crawl_blocked_address'
  WHEN "error" ~ '^(Could not find the host|The host .* resolved to something that is not an IP address)' THEN 'crawl_dns_failed'
  WHEN "error" ~ '^The embedding service refused the request' THEN 'embedding_refused'
  WHEN "error" ~ '^Indexing failed after \d+ attempts' THEN 'retries_exhausted'
  WHEN "error" ~ '^Retrying after a temporary error' THEN 'retrying'
  WHEN "error" ~ '^The file could not be read' THEN 'internal_error'
END
WHERE "error" IS NOT NULL;
