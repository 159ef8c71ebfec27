using TurbineConsole.Pipeline.Aws;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Embedded;

namespace TurbineConsole.Pipeline.Runtime;

/// <summary>Opens the backend the settings name.</summary>
public static class BackendFactory
{
    /// <summary>The backend of <see cref="PipelineOptions.Backend"/>, ready to use.</summary>
    public static PipelineBackend Open(PipelineOptions options) => options.Backend switch
    {
        BackendKind.Embedded => EmbeddedBackend.Open(options.DatabasePath, options.Streams.Retention),
        BackendKind.Aws => AwsBackend.Open(options),
        _ => throw new InvalidOperationException($"Pipeline:Backend is {options.Backend}; set it to Embedded or Aws."),
    };
}
