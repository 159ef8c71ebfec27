namespace TurbineConsole.Pipeline.Configuration;

/// <summary>Turns the exception of a refused value into the sentence a person reads.</summary>
public static class ExceptionExtensions
{
    /// <summary>
    /// The exception's message without the " (Parameter 'X')" that an <see cref="ArgumentException"/> appends: the checks
    /// name the field in words already, and a parameter name means nothing to the person who typed the value.
    /// </summary>
    public static string MessageWithoutParameter(this Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception is ArgumentException { ParamName: { } name }
            ? exception.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal)
            : exception.Message;
    }
}
