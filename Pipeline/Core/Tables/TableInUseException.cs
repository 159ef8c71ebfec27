namespace TurbineConsole.Pipeline.Tables;

/// <summary>The table already exists (DynamoDB ResourceInUseException).</summary>
public sealed class TableInUseException(string message) : TableException("ResourceInUseException", message);
