using Microsoft.Extensions.Options;

namespace TurbineConsole.Pipeline.Configuration;

/// <summary>
/// A settings check that runs at start (<c>ValidateOnStart</c>) and fails with every problem at once, one message each,
/// naming the setting and what it must be. A derived validator only lists the problems.
/// </summary>
public abstract class SettingsValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : class
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var problems = Problems(options).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    /// <summary>Every problem of <paramref name="options"/>; none when they are valid.</summary>
    protected abstract IEnumerable<string> Problems(TOptions options);
}
