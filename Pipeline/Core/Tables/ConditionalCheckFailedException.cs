namespace TurbineConsole.Pipeline.Tables;

/// <summary>The condition of a conditional put did not hold (DynamoDB ConditionalCheckFailedException).</summary>
public sealed class ConditionalCheckFailedException(string message) : TableException("ConditionalCheckFailedException", message);
