namespace TurbineConsole.Pipeline.Tables;

/// <summary>One key attribute: its name and whether it holds a string or a number.</summary>
public sealed record KeyAttribute(string Name, AttributeType Type);
