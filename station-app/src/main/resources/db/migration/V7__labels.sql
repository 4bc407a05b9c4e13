-- Labels for passed boards (imprint label …): per batch, whether a label is printed for each board that
-- passes, on which printer, from which template and at which size. No row: no labels for the batch.
CREATE TABLE label_settings (
    batch_id       VARCHAR(64)   PRIMARY KEY REFERENCES batches (batch_id),
    enabled        BOOLEAN       NOT NULL,
    printer        VARCHAR(512)  NOT NULL,          -- tcp://HOST[:PORT] or file:DIR
    qr_template    VARCHAR(1024) NOT NULL,
    line_templates VARCHAR(2048) NOT NULL,          -- the human-readable lines, one per line of text
    width_mm       INT           NOT NULL,
    height_mm      INT           NOT NULL,
    dpi            INT           NOT NULL,
    changed_by     VARCHAR(64)   NOT NULL,
    changed_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
