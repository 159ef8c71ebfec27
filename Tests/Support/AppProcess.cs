using System.Diagnostics;
using System.Text;

namespace TurbineConsole.Tests.Support;

/// <summary>
/// The web app as an operator runs it: its own process (the built <c>TurbineConsole.Simulator.Web.dll</c> under
/// <c>dotnet</c>), settings on the command line, output captured, stopped with SIGTERM or killed with SIGKILL. A cluster
/// worker (<c>TurbineConsole.Worker.dll</c>) runs the same way (<see cref="StartWorker"/>), without a port.
/// </summary>
internal sealed class AppProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AppProcess(Process process) => _process = process;

    /// <summary>The app's loopback address, <c>http://127.0.0.1:port</c>.</summary>
    public string BaseUrl { get; private init; } = string.Empty;

    /// <summary>Everything the app wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>CPU time the process has used so far (user and system).</summary>
    public TimeSpan TotalProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>True once the process has ended (crashed, stopped or killed).</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts the app on a free loopback port with <paramref name="settings"/> (key=value, as on a command line) and
    /// <paramref name="environment"/> added to its environment (null removes a variable).
    /// </summary>
    public static AppProcess Start(IReadOnlyDictionary<string, string> settings, IReadOnlyDictionary<string, string?>? environment = null) =>
        Start(WebAppAssembly, FreePort.Next(), settings, environment);

    /// <summary>
    /// Starts a cluster worker with <paramref name="settings"/> and <paramref name="environment"/>;
    /// <see cref="WaitUntilListeningAsync"/> waits until its host has started.
    /// </summary>
    public static AppProcess StartWorker(IReadOnlyDictionary<string, string> settings, IReadOnlyDictionary<string, string?>? environment = null) =>
        Start(Built("Worker", "TurbineConsole.Worker.dll", "the worker"), null, settings, environment);

    private static AppProcess Start(string assembly, int? port, IReadOnlyDictionary<string, string> settings, IReadOnlyDictionary<string, string?>? environment)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(assembly);
        if (port is not null)
            info.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");
        foreach (var (key, value) in settings)
            info.ArgumentList.Add($"--{key}={value}");
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
            info.Environment[name] = value;
        var app = new AppProcess(new Process { StartInfo = info, EnableRaisingEvents = true }) { BaseUrl = port is null ? "" : $"http://127.0.0.1:{port}" };
        app._process.OutputDataReceived += (_, e) => app.Append(e.Data);
        app._process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        app._process.Start();
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        return app;
    }

    /// <summary>Waits until the app says it listens; fails with its output if it exits first or takes too long.</summary>
    public async Task WaitUntilListeningAsync(TimeSpan timeout)
    {
        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(_listening.Task, exited, Task.Delay(timeout));
        if (first != _listening.Task)
            throw new InvalidOperationException($"The app did not start listening ({(first == exited ? "it exited with " + _process.ExitCode : "timed out")}):\n{Output}");
    }

    /// <summary>Waits for the process to end and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    /// <summary>Asks the app to stop, as systemd or Ctrl+C would (SIGTERM), and waits for its exit code.</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync();
        return await WaitForExitAsync(timeout);
    }

    /// <summary>Kills the app at once (SIGKILL): no shutdown code runs.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>Kills the process if it still runs.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
                KillHard();
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
        if (line.Contains("Now listening on", StringComparison.Ordinal) || line.Contains("Application started.", StringComparison.Ordinal))
            _listening.TrySetResult();
    }

    /// <summary>The web app built beside the tests (same configuration: Release under test.sh).</summary>
    private static string WebAppAssembly => Built("Simulator.Web", "TurbineConsole.Simulator.Web.dll", "the web app");

    /// <summary>An assembly of the repository's <paramref name="project"/> built in the tests' configuration.</summary>
    private static string Built(string project, string assembly, string what)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var path = Path.Combine(Web.Support.RepositoryPaths.Root, project, "bin", configuration, "net10.0", assembly);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build {what} first (dotnet build TurbineConsole.sln).", path);
    }
}
