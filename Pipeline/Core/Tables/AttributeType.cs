namespace TurbineConsole.Pipeline.Tables;

/// <summary>The type of an attribute value, as DynamoDB names them.</summary>
public enum AttributeType
{
    /// <summary>A string (S).</summary>
    String,
    /// <summary>A number (N), compared and sorted numerically.</summary>
    Number,
    /// <summary>A boolean (BOOL).</summary>
    Bool,
    /// <summary>An explicit null (NULL).</summary>
    Null,
}
