namespace TurbineConsole.Pipeline.Tables;

/// <summary>The table does not exist (DynamoDB ResourceNotFoundException).</summary>
public sealed class TableNotFoundException(string message) : TableException("ResourceNotFoundException", message);
