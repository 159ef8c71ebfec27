namespace TurbineConsole.Pipeline.Tables;

/// <summary>An error from a table, named by its DynamoDB error type so that a DynamoDB user recognises it.</summary>
public class TableException(string errorCode, string message) : Exception(message)
{
    /// <summary>The DynamoDB error type, for example <c>ConditionalCheckFailedException</c>.</summary>
    public string ErrorCode { get; } = errorCode;
}
