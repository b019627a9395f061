package io.cloudledger.gcf.archfixture;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;

/** Breaks the translation-layer rule: a short entry point over 140 lines of helper logic. */
public class HttpFunctionWithLogic implements HttpFunction {
  @Override
  public void service(HttpRequest request, HttpResponse response) throws Exception {
    response.getWriter().write(Integer.toString(rule0() + rule1() + rule2() + rule3()));
  }

  private static int rule0() {
    int total = 0;
    total += Integer.parseInt("0");
    total += Integer.parseInt("1");
    total += Integer.parseInt("2");
    total += Integer.parseInt("3");
    total += Integer.parseInt("4");
    total += Integer.parseInt("5");
    total += Integer.parseInt("6");
    total += Integer.parseInt("7");
    total += Integer.parseInt("8");
    total += Integer.parseInt("9");
    total += Integer.parseInt("10");
    total += Integer.parseInt("11");
    total += Integer.parseInt("12");
    total += Integer.parseInt("13");
    total += Integer.parseInt("14");
    total += Integer.parseInt("15");
    total += Integer.parseInt("16");
    total += Integer.parseInt("17");
    total += Integer.parseInt("18");
    total += Integer.parseInt("19");
    total += Integer.parseInt("20");
    total += Integer.parseInt("21");
    total += Integer.parseInt("22");
    total += Integer.parseInt("23");
    total += Integer.parseInt("24");
    total += Integer.parseInt("25");
    total += Integer.parseInt("26");
    total += Integer.parseInt("27");
    total += Integer.parseInt("28");
    total += Integer.parseInt("29");
    total += Integer.parseInt("30");
    total += Integer.parseInt("31");
    total += Integer.parseInt("32");
    total += Integer.parseInt("33");
    total += Integer.parseInt("34");
    return total;
  }

  private static int rule1() {
    int total = 0;
    total += Integer.parseInt("0");
    total += Integer.parseInt("1");
    total += Integer.parseInt("2");
    total += Integer.parseInt("3");
    total += Integer.parseInt("4");
    total += Integer.parseInt("5");
    total += Integer.parseInt("6");
    total += Integer.parseInt("7");
    total += Integer.parseInt("8");
    total += Integer.parseInt("9");
    total += Integer.parseInt("10");
    total += Integer.parseInt("11");
    total += Integer.parseInt("12");
    total += Integer.parseInt("13");
    total += Integer.parseInt("14");
    total += Integer.parseInt("15");
    total += Integer.parseInt("16");
    total += Integer.parseInt("17");
    total += Integer.parseInt("18");
    total += Integer.parseInt("19");
    total += Integer.parseInt("20");
    total += Integer.parseInt("21");
    total += Integer.parseInt("22");
    total += Integer.parseInt("23");
    total += Integer.parseInt("24");
    total += Integer.parseInt("25");
    total += Integer.parseInt("26");
    total += Integer.parseInt("27");
    total += Integer.parseInt("28");
    total += Integer.parseInt("29");
    total += Integer.parseInt("30");
    total += Integer.parseInt("31");
    total += Integer.parseInt("32");
    total += Integer.parseInt("33");
    total += Integer.parseInt("34");
    return total;
  }

  private static int rule2() {
    int total = 0;
    total += Integer.parseInt("0");
    total += Integer.parseInt("1");
    total += Integer.parseInt("2");
    total += Integer.parseInt("3");
    total += Integer.parseInt("4");
    total += Integer.parseInt("5");
    total += Integer.parseInt("6");
    total += Integer.parseInt("7");
    total += Integer.parseInt("8");
    total += Integer.parseInt("9");
    total += Integer.parseInt("10");
    total += Integer.parseInt("11");
    total += Integer.parseInt("12");
    total += Integer.parseInt("13");
    total += Integer.parseInt("14");
    total += Integer.parseInt("15");
    total += Integer.parseInt("16");
    total += Integer.parseInt("17");
    total += Integer.parseInt("18");
    total += Integer.parseInt("19");
    total += Integer.parseInt("20");
    total += Integer.parseInt("21");
    total += Integer.parseInt("22");
    total += Integer.parseInt("23");
    total += Integer.parseInt("24");
    total += Integer.parseInt("25");
    total += Integer.parseInt("26");
    total += Integer.parseInt("27");
    total += Integer.parseInt("28");
    total += Integer.parseInt("29");
    total += Integer.parseInt("30");
    total += Integer.parseInt("31");
    total += Integer.parseInt("32");
    total += Integer.parseInt("33");
    total += Integer.parseInt("34");
    return total;
  }

  private static int rule3() {
    int total = 0;
    total += Integer.parseInt("0");
    total += Integer.parseInt("1");
    total += Integer.parseInt("2");
    total += Integer.parseInt("3");
    total += Integer.parseInt("4");
    total += Integer.parseInt("5");
    total += Integer.parseInt("6");
    total += Integer.parseInt("7");
    total += Integer.parseInt("8");
    total += Integer.parseInt("9");
    total += Integer.parseInt("10");
    total += Integer.parseInt("11");
    total += Integer.parseInt("12");
    total += Integer.parseInt("13");
    total += Integer.parseInt("14");
    total += Integer.parseInt("15");
    total += Integer.parseInt("16");
    total += Integer.parseInt("17");
    total += Integer.parseInt("18");
    total += Integer.parseInt("19");
    total += Integer.parseInt("20");
    total += Integer.parseInt("21");
    total += Integer.parseInt("22");
    total += Integer.parseInt("23");
    total += Integer.parseInt("24");
    total += Integer.parseInt("25");
    total += Integer.parseInt("26");
    total += Integer.parseInt("27");
    total += Integer.parseInt("28");
    total += Integer.parseInt("29");
    total += Integer.parseInt("30");
    total += Integer.parseInt("31");
    total += Integer.parseInt("32");
    total += Integer.parseInt("33");
    total += Integer.parseInt("34");
    return total;
  }
}
