/** The reference for start-up: the smallest Java program. */
public class Hello {
    public static void main(String[] args) {
        System.out.println("hi");
    }
}
