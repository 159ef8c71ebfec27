using System.Globalization;
using System.Text;

namespace TurbineConsole.Pipeline.Tables;

/// <summary>
/// DynamoDB's rule book: its limits, its naming rules, and the checks of a request with the error DynamoDB gives, in
/// its wording, when one is broken. Both table adapters check requests here (the embedded one because nothing else
/// would; the DynamoDB one to fail before a round trip and with the same message), and the settings check table names
/// with <see cref="TableNameError"/>.
/// </summary>
public static class DynamoDbRules
{
    /// <summary>The largest item DynamoDB stores (400 KB), counted as <see cref="ItemBytes"/> counts.</summary>
    public const int MaxItemBytes = 400 * 1024;

    /// <summary>Most items in one BatchWriteItem call.</summary>
    public const int MaxBatchWriteItems = 25;

    /// <summary>Shortest table name, in characters.</summary>
    public const int MinTableNameLength = 3;

    /// <summary>Longest table name, in characters.</summary>
    public const int MaxTableNameLength = 255;

    /// <summary>Longest name of a key attribute, in characters.</summary>
    public const int MaxKeyNameLength = 255;

    /// <summary>Largest partition-key value, in bytes (a string's UTF-8 bytes).</summary>
    public const int MaxPartitionKeyBytes = 2048;

    /// <summary>Largest sort-key value, in bytes (a string's UTF-8 bytes).</summary>
    public const int MaxSortKeyBytes = 1024;

    /// <summary>The naming rule in a sentence, appended to DynamoDB's messages.</summary>
    private const string NameRule = "A table name is 3 to 255 characters: letters, digits, '_', '.' and '-'.";

    /// <summary>
    /// Why a table name breaks DynamoDB's rules (3-255 of a-z, A-Z, 0-9, _ . -), in words a user can act on, or null when
    /// it is valid. For settings; the adapters refuse a bad name with <see cref="ThrowIfInvalidTableName"/>.
    /// </summary>
    public static string? TableNameError(string? name) =>
        string.IsNullOrEmpty(name) || name.Length < MinTableNameLength ? $"A table name must have at least {MinTableNameLength} characters."
        : name.Length > MaxTableNameLength ? $"A table name is at most {MaxTableNameLength} characters; this one has {name.Length}."
        : !name.All(IsNameChar) ? "A table name may contain only letters, digits, underscores (_), periods (.) and hyphens (-)."
        : null;

    /// <summary>True for the characters DynamoDB allows in a table name.</summary>
    public static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-';

    /// <summary>Throws DynamoDB's ValidationException, in its wording, for a bad table name.</summary>
    public static void ThrowIfInvalidTableName(string? tableName)
    {
        if (tableName is null || tableName.Length < MinTableNameLength)
        {
            throw new TableValidationException($"1 validation error detected: Value '{tableName}' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to {MinTableNameLength}. {NameRule}");
        }

        if (tableName.Length > MaxTableNameLength)
        {
            throw new TableValidationException($"1 validation error detected: Value '{tableName}' at 'tableName' failed to satisfy constraint: Member must have length less than or equal to {MaxTableNameLength}. {NameRule}");
        }

        foreach (var c in tableName)
        {
            if (!IsNameChar(c))
            {
                throw new TableValidationException(
                    $"1 validation error detected: Value '{tableName}' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+. The character '{c}' is not allowed. {NameRule}");
            }
        }
    }

    /// <summary>
    /// Checks a new table's schema: a valid name, key attributes of 1 to 255 characters that are strings or numbers,
    /// and a sort key not named as the partition key.
    /// </summary>
    public static void ThrowIfInvalidSchema(TableSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ThrowIfInvalidTableName(schema.TableName);
        ThrowIfInvalidKeyAttribute(schema.PartitionKey, "partition");
        if (schema.SortKey is { } sortKey)
        {
            ThrowIfInvalidKeyAttribute(sortKey, "sort");
            if (sortKey.Name == schema.PartitionKey.Name)
            {
                throw new TableValidationException($"Invalid KeySchema: the partition key and the sort key are both named '{sortKey.Name}'.");
            }
        }
    }

    /// <summary>DynamoDB's name for an attribute type (S, N, BOOL, NULL).</summary>
    public static string TypeName(AttributeType type) => type switch
    {
        AttributeType.String => "S",
        AttributeType.Number => "N",
        AttributeType.Bool => "BOOL",
        _ => "NULL",
    };

    /// <summary>Throws DynamoDB's ValidationException for a page size below 1.</summary>
    public static void ThrowIfInvalidLimit(int limit)
    {
        if (limit < 1)
        {
            throw new TableValidationException($"1 validation error detected: Value '{limit}' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
        }
    }

    /// <summary>Throws for an attribute that holds no value (a default <see cref="AttributeValue"/>), naming it.</summary>
    public static void ThrowIfNoValue(string name, AttributeValue value)
    {
        if (value.Type == AttributeType.String && value.S is null)
        {
            throw new TableValidationException(
                $"One or more parameter values were invalid: attribute {name} holds no value (a default AttributeValue); use AttributeValue.Null for an explicit null.");
        }
    }

    /// <summary>
    /// Checks an item to put under <paramref name="schema"/>: every attribute holds a value, every key attribute is
    /// present, of its type, not an empty string and within its size, and the whole item is at most 400 KB.
    /// </summary>
    public static void ThrowIfInvalidItem(TableSchema schema, Item item)
    {
        ArgumentNullException.ThrowIfNull(item);
        foreach (var (name, value) in item)
        {
            ThrowIfNoValue(name, value);
        }

        ThrowIfInvalidKey(schema.PartitionKey, item, MaxPartitionKeyBytes);
        if (schema.SortKey is { } sortKey)
        {
            ThrowIfInvalidKey(sortKey, item, MaxSortKeyBytes);
        }

        // Counting a number's digits takes formatting it, so the exact size is computed only when the quick upper bound
        // (every number at DynamoDB's largest, 21 bytes) is over the limit.
        if (ItemBytesAtMost(item) > MaxItemBytes && ItemBytes(item) is var size && size > MaxItemBytes)
        {
            throw new TableValidationException($"Item size has exceeded the maximum allowed size ({size} bytes; at most {MaxItemBytes}).");
        }
    }

    /// <summary>Throws DynamoDB's error for a key that does not match the table's key schema, prefixed with <paramref name="message"/>.</summary>
    public static void ThrowIfKeyMismatch(TableSchema schema, ItemKey key, string message = "The provided key element does not match the schema")
    {
        ArgumentNullException.ThrowIfNull(key);
        var sortMatches = schema.SortKey is { } sortKey
            ? key.SortKey is { } s && s.Type == sortKey.Type
            : key.SortKey is null;
        if (key.PartitionKey.Type != schema.PartitionKey.Type || !sortMatches)
        {
            throw new TableValidationException(
                $"{message} (table {schema.TableName} is keyed by {schema.PartitionKey.Name} ({TypeName(schema.PartitionKey.Type)})"
                + (schema.SortKey is { } sk ? $" and {sk.Name} ({TypeName(sk.Type)}))" : ")"));
        }
    }

    /// <summary>
    /// Checks a query against the table's key schema: the page size, the partition key's type, a sort-key range only on
    /// a table with a sort key and with bounds of its type, and a starting key of the queried partition.
    /// </summary>
    public static void ThrowIfInvalidQuery(TableSchema schema, TableQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ThrowIfInvalidLimit(query.Limit);
        if (query.PartitionKey.Type != schema.PartitionKey.Type)
        {
            throw new TableValidationException(
                $"One or more parameter values were invalid: Condition parameter type does not match schema type (key {schema.PartitionKey.Name} is {TypeName(schema.PartitionKey.Type)}, the query gave {TypeName(query.PartitionKey.Type)})");
        }

        if (query.SortKeyFrom is not null || query.SortKeyTo is not null)
        {
            var sortKey = schema.SortKey
                ?? throw new TableValidationException($"Query condition missed key schema element: table {schema.TableName} has no sort key, so a sort-key range cannot be given.");
            foreach (var bound in new[] { query.SortKeyFrom, query.SortKeyTo })
            {
                if (bound is { } b && b.Type != sortKey.Type)
                {
                    throw new TableValidationException(
                        $"One or more parameter values were invalid: Condition parameter type does not match schema type (key {sortKey.Name} is {TypeName(sortKey.Type)}, the bound is {TypeName(b.Type)})");
                }
            }
        }

        if (query.ExclusiveStartKey is { } start)
        {
            ThrowIfKeyMismatch(schema, start, "The provided starting key is invalid: The provided key element does not match the schema");
            if (start.PartitionKey != query.PartitionKey)
            {
                throw new TableValidationException("The provided starting key is invalid: its partition key is not the one queried.");
            }
        }
    }

    /// <summary>
    /// An item's size as DynamoDB counts it: per attribute, its name's UTF-8 bytes plus its value's (a string's UTF-8
    /// bytes; a number's one byte per two significant digits plus one; one byte for a boolean or a null).
    /// </summary>
    public static long ItemBytes(Item item) => Size(item, exactNumbers: true);

    /// <summary>An upper bound of <see cref="ItemBytes"/> that formats no number: each counts as 21 bytes, DynamoDB's largest.</summary>
    private static long ItemBytesAtMost(Item item) => Size(item, exactNumbers: false);

    /// <summary>The sum over the attributes of name and value bytes, numbers exactly or at their largest.</summary>
    private static long Size(Item item, bool exactNumbers)
    {
        long total = 0;
        foreach (var (name, value) in item)
        {
            total += Encoding.UTF8.GetByteCount(name) + value.Type switch
            {
                AttributeType.String => Encoding.UTF8.GetByteCount(value.S ?? ""),
                AttributeType.Number => exactNumbers ? NumberBytes(value.N) : 21,
                _ => 1,
            };
        }

        return total;
    }

    /// <summary>The bytes of a number: one per two significant digits (of its shortest round-trip form), plus one.</summary>
    private static int NumberBytes(double number)
    {
        var text = number.ToString("R", CultureInfo.InvariantCulture).AsSpan();
        var exponent = text.IndexOfAny('E', 'e');
        var mantissa = (exponent < 0 ? text : text[..exponent]).TrimStart('-');
        var significant = 0;
        var leading = true;
        var trailingZeros = 0;
        foreach (var c in mantissa)
        {
            if (!char.IsAsciiDigit(c) || (leading && c == '0'))
            {
                continue;
            }

            leading = false;
            significant++;
            trailingZeros = c == '0' ? trailingZeros + 1 : 0;
        }

        return ((significant - trailingZeros + 1) / 2) + 1;
    }

    /// <summary>Checks key attribute <paramref name="key"/> of <paramref name="item"/>, with DynamoDB's errors.</summary>
    private static void ThrowIfInvalidKey(KeyAttribute key, Item item, int maxBytes)
    {
        if (!item.TryGetValue(key.Name, out var value))
        {
            throw new TableValidationException($"One or more parameter values were invalid: Missing the key {key.Name} in the item");
        }

        if (value.Type != key.Type)
        {
            throw new TableValidationException(
                $"One or more parameter values were invalid: Type mismatch for key {key.Name} expected: {TypeName(key.Type)} actual: {TypeName(value.Type)}");
        }

        if (value.Type == AttributeType.String)
        {
            if (value.S!.Length == 0)
            {
                throw new TableValidationException(
                    $"One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: {key.Name}");
            }

            if (Encoding.UTF8.GetByteCount(value.S) > maxBytes)
            {
                throw new TableValidationException(
                    $"One or more parameter values were invalid: Size of the key {key.Name} exceeds the limit of {maxBytes} bytes.");
            }
        }
    }

    /// <summary>Checks a key attribute of a new table.</summary>
    private static void ThrowIfInvalidKeyAttribute(KeyAttribute key, string role)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (string.IsNullOrEmpty(key.Name) || key.Name.Length > MaxKeyNameLength)
        {
            throw new TableValidationException($"The {role} key's attribute name must be 1 to {MaxKeyNameLength} characters long; '{key.Name}' is not.");
        }

        if (key.Type is not (AttributeType.String or AttributeType.Number))
        {
            throw new TableValidationException(
                $"1 validation error detected: Value '{TypeName(key.Type)}' at 'attributeDefinitions.member.attributeType' failed to satisfy constraint: Member must satisfy enum value set: [B, N, S] (the {role} key {key.Name} must be a string or a number)");
        }
    }
}
