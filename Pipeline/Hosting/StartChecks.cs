using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using TurbineConsole.Pipeline.Runtime;

namespace TurbineConsole.Pipeline.Hosting;

/// <summary>
/// What an operator can get wrong at start, checked before the host starts so that it reads as one line and an exit
/// code rather than the host's "Hosting failed to start" with a stack trace: every validated setting, then the
/// backend (opening the database, its integrity check, the cloud account).
/// </summary>
public static class StartChecks
{
    /// <summary>The exit code of a start refused for a bad setting.</summary>
    public const int BadSettingExitCode = 2;

    /// <summary>
    /// Validates the settings and opens the backend. Returns null when the app can start; otherwise writes why to
    /// <paramref name="error"/> and returns the exit code (<see cref="BadSettingExitCode"/>, or
    /// <see cref="PipelineStartException.ExitCode"/> for a backend that cannot be used). Anything else is a bug and is
    /// thrown as it is.
    /// </summary>
    public static int? Run(IServiceProvider services, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            services.GetRequiredService<PipelineBackend>();
            return null;
        }
        catch (Exception e) when (Settings(e) is { Count: > 0 } invalid)
        {
            foreach (var message in invalid)
            {
                error.WriteLine("TurbineConsole cannot start: " + OneLine(message));
            }

            return BadSettingExitCode;
        }
        catch (Exception e) when (Find<PipelineStartException>(e) is { } failed)
        {
            error.WriteLine("TurbineConsole cannot start: " + OneLine(failed.Message));
            return PipelineStartException.ExitCode;
        }
    }

    /// <summary>The messages of every settings failure in <paramref name="error"/> (one, or several in an aggregate).</summary>
    private static List<string> Settings(Exception error) => error is AggregateException aggregate
        ? aggregate.Flatten().InnerExceptions.Select(Find<OptionsValidationException>).OfType<OptionsValidationException>().Select(e => e.Message).Distinct().ToList()
        : Find<OptionsValidationException>(error) is { } found ? [found.Message] : [];

    /// <summary><paramref name="error"/> or the first of its inner exceptions of type <typeparamref name="T"/>.</summary>
    private static T? Find<T>(Exception? error)
        where T : Exception
    {
        for (; error is not null; error = error.InnerException)
        {
            if (error is T found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>Settings and paths come from outside: a line break in one must not forge a second line in the output.</summary>
    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Replace('\t', ' ');
}
