import { render } from "preact";
import { Options } from "../../components/Options";
import "./style.css";

render(<Options />, document.getElementById("app")!);
