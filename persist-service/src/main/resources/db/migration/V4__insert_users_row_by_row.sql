-- The sink's fallback for a batch the database refuses: every row tried on its own, in a subtransaction
-- of its own, all in one round trip. Returns, by position in the arrays (from 1), each row inserted
-- (refused_sqlstate null) or refused for its data (class 22 or 23, the SQLState); a row already there is
-- neither. Any other error is the database's, not a row's, and fails the whole call.
CREATE FUNCTION insert_users_row_by_row(ids text[], first_names text[], last_names text[], genders text[],
        addresses text[], post_codes text[], emails text[], usernames text[], dobs text[], registered_dates text[],
        phones text[], pictures text[], timestamps text[], labels text[])
    RETURNS TABLE (row_number int, refused_sqlstate text)
    LANGUAGE plpgsql AS $$
BEGIN
    FOR i IN 1 .. coalesce(array_length(ids, 1), 0) LOOP
        BEGIN
            INSERT INTO user_data (id, first_name, last_name, gender, address, post_code, email, username, dob,
                                   registered_date, phone, picture, timestamp, labels)
            VALUES (ids[i]::uuid, first_names[i], last_names[i], genders[i], addresses[i], post_codes[i], emails[i],
                    usernames[i], dobs[i]::date, registered_dates[i]::timestamptz, phones[i], pictures[i],
                    timestamps[i]::timestamptz, labels[i])
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
