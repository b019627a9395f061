package io.cloudledger.lambda.archfixture;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

/** Breaks the translation-layer rule: its entry point is longer than 40 lines. */
public class LongLambdaHandler implements RequestHandler<String, String> {
  @Override
  public String handleRequest(String input, Context context) {
    StringBuilder out = new StringBuilder();
    out.append("step 0").append(input.length());
    out.append("step 1").append(input.length());
    out.append("step 2").append(input.length());
    out.append("step 3").append(input.length());
    out.append("step 4").append(input.length());
    out.append("step 5").append(input.length());
    out.append("step 6").append(input.length());
    out.append("step 7").append(input.length());
    out.append("step 8").append(input.length());
    out.append("step 9").append(input.length());
    out.append("step 10").append(input.length());
    out.append("step 11").append(input.length());
    out.append("step 12").append(input.length());
    out.append("step 13").append(input.length());
    out.append("step 14").append(input.length());
    out.append("step 15").append(input.length());
    out.append("step 16").append(input.length());
    out.append("step 17").append(input.length());
    out.append("step 18").append(input.length());
    out.append("step 19").append(input.length());
    out.append("step 20").append(input.length());
    out.append("step 21").append(input.length());
    out.append("step 22").append(input.length());
    out.append("step 23").append(input.length());
    out.append("step 24").append(input.length());
    out.append("step 25").append(input.length());
    out.append("step 26").append(input.length());
    out.append("step 27").append(input.length());
    out.append("step 28").append(input.length());
    out.append("step 29").append(input.length());
    out.append("step 30").append(input.length());
    out.append("step 31").append(input.length());
    out.append("step 32").append(input.length());
    out.append("step 33").append(input.length());
    out.append("step 34").append(input.length());
    out.append("step 35").append(input.length());
    out.append("step 36").append(input.length());
    out.append("step 37").append(input.length());
    out.append("step 38").append(input.length());
    out.append("step 39").append(input.length());
    out.append("step 40").append(input.length());
    out.append("step 41").append(input.length());
    out.append("step 42").append(input.length());
    out.append("step 43").append(input.length());
    out.append("step 44").append(input.length());
    return out.toString();
  }
}
