package dev.nestflow.cli.tasks;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nestflow.core.json.Json;
import dev.nestflow.infrastructure.tasks.LocalFunctions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;

/**
 * Java Lambda handlers loaded from a classpath ({@code --function NAME=com.example.Handler
 * --classpath app.jar}) as local functions: a {@link RequestStreamHandler} gets the event bytes; a
 * {@link RequestHandler} gets the event converted to its input type (Jackson) and its result is
 * written as JSON. An exception becomes the error document the Java runtime writes ({@code
 * errorType} = the exception's class name), so Catch and Retry see what AWS would show.
 */
public final class JavaHandlers {
  private JavaHandlers() {}

  /** Loads {@code className} (public, with a no-argument constructor) as a function handler. */
  public static LocalFunctions.Handler load(String className, ClassLoader loader) {
    Object handler;
    try {
      handler = Class.forName(className, true, loader).getDeclaredConstructor().newInstance();
    } catch (ClassNotFoundException e) {
      throw new IllegalArgumentException("class " + className + " is not on the --classpath");
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new IllegalArgumentException("cannot create " + className + ": " + e);
    }
    if (handler instanceof RequestStreamHandler stream) {
      return (event, context) -> {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
          stream.handleRequest(new ByteArrayInputStream(event), out, new LocalContext(context));
        } catch (IOException | RuntimeException e) {
          throw new LocalFunctions.FunctionError(errorDocument(e, context.requestId()));
        }
        return out.toByteArray();
      };
    }
    if (handler instanceof RequestHandler<?, ?>) {
      Method method = handleRequest(handler.getClass());
      Type input = method.getGenericParameterTypes()[0];
      return (event, context) -> {
        try {
          Object argument = Json.MAPPER.readValue(event, Json.MAPPER.constructType(input));
          Object result = method.invoke(handler, argument, new LocalContext(context));
          return Json.MAPPER.writeValueAsBytes(result);
        } catch (InvocationTargetException e) {
          throw new LocalFunctions.FunctionError(errorDocument(e.getCause(), context.requestId()));
        } catch (IOException | IllegalAccessException | RuntimeException e) {
          throw new LocalFunctions.FunctionError(errorDocument(e, context.requestId()));
        }
      };
    }
    throw new IllegalArgumentException(className + " implements neither RequestHandler nor RequestStreamHandler");
  }

  /** The handler's own handleRequest (not the erased bridge method). */
  private static Method handleRequest(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Method m : c.getDeclaredMethods()) {
        if (m.getName().equals("handleRequest") && m.getParameterCount() == 2 && !m.isBridge()
            && m.getParameterTypes()[1] == Context.class) {
          m.setAccessible(true);
          return m;
        }
      }
    }
    throw new IllegalArgumentException(type.getName() + " has no handleRequest(input, Context)");
  }

  private static byte[] errorDocument(Throwable e, String requestId) {
    ObjectNode doc = Json.object();
    doc.put("errorMessage", e.getMessage());
    doc.put("errorType", e.getClass().getName());
    doc.put("requestId", requestId);
    var trace = doc.putArray("stackTrace");
    for (StackTraceElement frame : e.getStackTrace()) {
      trace.add(frame.toString());
    }
    return Json.write(doc).getBytes(StandardCharsets.UTF_8);
  }

  /** The Lambda context a local handler sees: names and request id; 15 minutes left; logs to stderr. */
  private record LocalContext(LocalFunctions.Context invocation) implements Context {
    @Override
    public String getAwsRequestId() {
      return invocation.requestId();
    }

    @Override
    public String getLogGroupName() {
      return "/aws/lambda/" + invocation.functionName();
    }

    @Override
    public String getLogStreamName() {
      return "local";
    }

    @Override
    public String getFunctionName() {
      return invocation.functionName();
    }

    @Override
    public String getFunctionVersion() {
      return invocation.version();
    }

    @Override
    public String getInvokedFunctionArn() {
      return invocation.functionArn();
    }

    @Override
    public CognitoIdentity getIdentity() {
      return null;
    }

    @Override
    public ClientContext getClientContext() {
      return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
      return 900_000;
    }

    @Override
    public int getMemoryLimitInMB() {
      return 512;
    }

    @Override
    public LambdaLogger getLogger() {
      return new LambdaLogger() {
        @Override
        public void log(String message) {
          System.err.print(message);
        }

        @Override
        public void log(byte[] message) {
          System.err.print(new String(message, StandardCharsets.UTF_8));
        }
      };
    }
  }
}
