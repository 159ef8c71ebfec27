using TurbineConsole.Pipeline.Aws;
using TurbineConsole.Pipeline.Configuration;
using TurbineConsole.Pipeline.Embedded;
using TurbineConsole.Pipeline.Runtime;

namespace TurbineConsole.Pipeline.Hosting;

/// <summary>Opens the backend the settings name: the one place that knows every adapter.</summary>
public static class BackendFactory
{
    /// <summary>The backend of <see cref="PipelineOptions.Backend"/>, ready to use; <paramref name="aws"/> is read for the AWS backend.</summary>
    public static PipelineBackend Open(PipelineOptions options, AwsOptions aws) => options.Backend switch
    {
        BackendKind.Embedded => EmbeddedBackend.Open(options.DatabasePath, options.Streams.Retention),
        BackendKind.Aws => AwsBackend.Open(aws),
        _ => throw new InvalidOperationException($"Pipeline:Backend is {options.Backend}; set it to Embedded or Aws."),
    };
}
