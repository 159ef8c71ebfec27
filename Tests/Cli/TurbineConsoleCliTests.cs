using TurbineConsole.Cli;

namespace TurbineConsole.Tests.Cli;

/// <summary>The tool's entry point: its commands, help and exit codes.</summary>
public sealed class TurbineConsoleCliTests
{
    [Fact]
    public async Task Help_lists_the_score_command_under_the_tool_name()
    {
        var run = await CliRun.InvokeAsync("--help");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("turbineconsole [command] [options]", run.Output);
        Assert.Matches(@"(?m)^\s+score\s+Score a historical series", run.Output);
    }

    [Fact]
    public async Task An_unknown_command_is_named_and_exits_with_the_usage_code()
    {
        var run = await CliRun.InvokeAsync("rescore");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("'rescore'", run.Error);
    }
}
