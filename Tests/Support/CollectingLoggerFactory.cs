using Microsoft.Extensions.Logging;

namespace TurbineConsole.Tests.Support;

/// <summary>Collects log lines in memory, so that a failing test can show what the pipeline logged.</summary>
internal sealed class CollectingLoggerFactory(LogLevel minimumLevel = LogLevel.Warning) : ILoggerFactory
{
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
                return _lines.ToList();
        }
    }

    /// <summary>The least severe level collected (warnings and errors unless told).</summary>
    public LogLevel MinimumLevel => minimumLevel;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) { }

    public void Dispose() { }

    private sealed class Logger(CollectingLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= owner.MinimumLevel;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
                return;
            lock (owner._lines)
                owner._lines.Add($"{logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }
}
