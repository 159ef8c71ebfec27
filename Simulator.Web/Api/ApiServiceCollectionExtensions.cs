using System.Text.Json.Serialization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using TurbineConsole.Simulator.Web.Api;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The API's OpenAPI document (Microsoft.AspNetCore.OpenApi) and its browsable page (Swashbuckle's Swagger UI).</summary>
public static class ApiServiceCollectionExtensions
{
    /// <summary>The OpenAPI document's path.</summary>
    public const string DocumentPath = "/api/openapi/v1.json";

    /// <summary>The browsable API page's path, without its leading slash.</summary>
    public const string DocsPath = "api/docs";

    /// <summary>Adds the OpenAPI document of <see cref="ApiEndpoints"/>, with its bearer token scheme, and enums as names in JSON.</summary>
    public static IServiceCollection AddTurbineConsoleApi(this IServiceCollection services)
    {
        // Enums (a replay's pace) by name, as people write them, in both directions.
        services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        // A body or parameter that cannot be read throws, in every environment, so that the API answers it with a message.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddOpenApi("v1", options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith(ApiEndpoints.Prefix[1..], StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "TurbineConsole API",
                    Version = "v1",
                    Description = "Datasets, results, max-speed windows, incidents and dead letters. Send a personal API token (made on the account page) as "
                        + "Authorization: Bearer <token>. Reading needs the Viewer role; changes need Operator or Administrator and are audited.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "A personal API token from the account page.",
                };
                document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] }];
                return Task.CompletedTask;
            });
        });
        return services;
    }

    /// <summary>
    /// Answers a request whose body or parameters cannot be read (for the API: JSON that does not parse, a pace that does
    /// not exist, a number that is text) with 400 and a problem document saying what could not be read, instead of 500; and
    /// serves the browsable API page (without sign-in: it holds no data, and reads the document with the token the user
    /// types). Middleware, so it goes before authorization, which would otherwise send the page's path to sign-in.
    /// </summary>
    public static WebApplication UseTurbineConsoleApi(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (BadHttpRequestException e) when (!context.Response.HasStarted)
            {
                // Elsewhere (a form endpoint) the same 400 the framework gives outside Development, without the details.
                var detail = !context.Request.Path.StartsWithSegments(ApiEndpoints.Prefix) ? "The request could not be read."
                    : e.InnerException is System.Text.Json.JsonException json ? $"{e.Message} {json.Message}" : e.Message;
                await Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "The request is not valid.").ExecuteAsync(context);
            }
        });
        app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = DocsPath;
            options.SwaggerEndpoint(DocumentPath, "TurbineConsole API v1");
            options.DocumentTitle = "TurbineConsole API";
        });
        return app;
    }

    /// <summary>Maps the OpenAPI document (without sign-in: it holds no data).</summary>
    public static WebApplication MapTurbineConsoleApiDocument(this WebApplication app)
    {
        app.MapOpenApi(DocumentPath).AllowAnonymous();
        return app;
    }
}
