-- When each user was published to users_info (the time of its Kafka record, which every stage keeps) and
-- when it was stored, so that end-to-end latency reads from the table, the same on every replica of
-- persist-service. Rows stored before this version, or by the original scripts, have neither.
ALTER TABLE user_data ADD COLUMN published_at timestamptz, ADD COLUMN stored_at timestamptz;
ALTER TABLE user_data ALTER COLUMN stored_at SET DEFAULT now();
CREATE INDEX user_data_stored_at_idx ON user_data (stored_at);

DROP FUNCTION insert_users_row_by_row(text[], text[], text[], text[], text[], text[], text[], text[], text[], text[],
        text[], text[], text[], text[]);

-- As in V4, with the publish time.
CREATE FUNCTION insert_users_row_by_row(ids text[], first_names text[], last_names text[], genders text[],
        addresses text[], post_codes text[], emails text[], usernames text[], dobs text[], registered_dates text[],
        phones text[], pictures text[], timestamps text[], labels text[], published_ats text[])
    RETURNS TABLE (row_number int, refused_sqlstate text)
    LANGUAGE plpgsql AS $$
BEGIN
    FOR i IN 1 .. coalesce(array_length(ids, 1), 0) LOOP
        BEGIN
            INSERT INTO user_data (id, first_name, last_name, gender, address, post_code, email, username, dob,
                                   registered_date, phone, picture, timestamp, labels, published_at)
            VALUES (ids[i]::uuid, first_names[i], last_names[i], genders[i], addresses[i], post_codes[i], emails[i],
                    usernames[i], dobs[i]::date, registered_dates[i]::timestamptz, phones[i], pictures[i],
                    timestamps[i]::timestamptz, labels[i], published_ats[i]::timestamptz)
            ON CONFLICT (id) DO NOTHING;
            IF FOUND THEN
                row_number := i;
                refused_sqlstate := NULL;
                RETURN NEXT;
            END IF;
        EXCEPTION WHEN data_exception OR integrity_constraint_violation THEN
            row_number := i;
            refused_sqlstate := SQLSTATE;
            RETURN NEXT;
        END;
    END LOOP;
END
$$;
