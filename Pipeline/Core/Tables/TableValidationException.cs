namespace TurbineConsole.Pipeline.Tables;

/// <summary>A request broke a DynamoDB rule: a missing key attribute, a key of the wrong type, an item over 400 KB (DynamoDB ValidationException).</summary>
public sealed class TableValidationException(string message) : TableException("ValidationException", message);
